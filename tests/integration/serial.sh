#!/bin/sh
# COM1 bytes reach the console on every engine: KVM traps the port, QEMU TCG
# breaks on the kernel's named serial site (fl_abi.h).
. "$(dirname "$0")/tap.inc"

engines="tcg"
[ -r /dev/kvm ] && [ -w /dev/kvm ] && engines="$engines kvm"
for e in $engines; do
	fl run --accel "$e" --kernel "$B/fixtures/serial.elf"
	ok "$(is $rc 7)" "[$e] the serial kernel's exit status comes through the hypercall site"
	ok "$(is "$(cat "$out/stdout")" "serial ok")" "[$e] its COM1 bytes make one console line"
done
done_testing
