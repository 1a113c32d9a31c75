#!/bin/sh
# COM1 bytes reach the console on every engine: KVM traps the port, QEMU TCG
# breaks on the kernel's named serial site (fl_abi.h).
. "$(dirname "$0")/tap.inc"

serial() {
	fl run --accel "$engine" --kernel "$B/fixtures/serial.elf"
	ok "$(is $rc 7)" "the serial kernel's exit status comes through the hypercall site"
	ok "$(is "$(cat "$out/stdout")" "serial ok")" "its COM1 bytes make one console line"
}
for_engines serial
done_testing
