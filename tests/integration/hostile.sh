#!/bin/sh
# A hostile user program against the kernel's entry paths: DF set, bogus
# DS/ES, TF across sysenter, PROT_NONE memory, an orphaned thread. The kernel
# survives each and reports the right status.
. "$(dirname "$0")/tap.inc"

# hostile: run the attacks on $engine.
hostile() {
	fl run --accel "$engine" --program "$B/fixtures/hostile.elf" --scenario boot
	ok "$(is $rc 0)" "the kernel survives every attack (exit 0, no oops)"
	ok "$(has 'hostile: df: status 0' stdout)" "DF set across write(): the copy is right"
	ok "$(has 'hostile: segments: status 0' stdout)" "DS/ES = a code segment across write(): the kernel uses its own"
	ok "$(has 'hostile: tf: status 0' stdout)" "TF set on sysenter: the kernel clears it and returns"
	ok "$(has 'hostile: protnone: status 139' stdout)" "PROT_NONE: write() refused, the read kills with SIGSEGV"
	ok "$(has 'hostile: thread: status 0' stdout)" "a thread that never ran dies with its process"
	ok "$(has 'clone after a dead process'"'"'s thread: ok' stdout)" "and a later clone works"
}

for_engines hostile
done_testing
