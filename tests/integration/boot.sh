#!/bin/sh
# Boot the real kernel: console text, exit statuses, faults at CPL3, the
# watchdog, a triple fault, a hostile guest, user-supplied programs.
. "$(dirname "$0")/tap.inc"

# scenarios_and_programs: the built-in scenarios and --program, on $engine.
scenarios_and_programs() {
	fl run --accel "$engine" --scenario boot
	ok "$(is $rc 0)" "boot scenario exits 0"
	ok "$(has 'faultline kernel: 64 MiB, command line "scenario=boot"' stdout)" "kernel banner with the command line"
	ok "$(has '[init] hello from user mode ... ok' stdout)" "init prints from CPL3"
	ok "$(has 'kernel: init exited with status 0, halting' stdout)" "kernel halts after init"
	ok "$(has 'guest exited with status 0' stderr)" "VMM reports the exit status"

	fl run --accel "$engine" --scenario user-faults
	ok "$(is $rc 0)" "user-faults scenario exits 0: the kernel survives its children"
	ok "$(has 'segv[2]: killed by SIGSEGV: page fault at 0x1000' stdout)" "unmapped write at CPL3 is SIGSEGV"
	ok "$(has 'divzero[3]: killed by SIGFPE: divide error' stdout)" "divide by zero at CPL3 is SIGFPE"
	ok "$(has '[init] spawn("segv") = 139 (killed by SIGSEGV) ... ok' stdout)" "parent sees 128+SIGSEGV"
	ok "$(has '[init] spawn("divzero") = 136 (killed by SIGFPE) ... ok' stdout)" "parent sees 128+SIGFPE"

	fl run --accel "$engine" --program "$B/guest/user/divzero.elf"
	ok "$(is $rc 136)" "--program killed by SIGFPE: faultline exits 128+8"
	ok "$(has 'init[1]: killed by SIGFPE' stdout)" "user program runs as init and is killed"
	ok "$(has 'kernel: init exited with status 136, halting' stdout)" "kernel keeps running after init is killed"

	fl run --accel "$engine" --program "$B/guest/user/segv.elf" --mem 16
	ok "$(is $rc 139)" "--program with --mem 16: SIGSEGV gives 139"
	ok "$(has 'faultline kernel: 16 MiB' stdout)" "--mem sets guest memory"
}

# watchdog_and_counting: the watchdog and --count-instructions, on $engine.
watchdog_and_counting() {
	fl run --accel "$engine" --program "$B/guest/user/loop.elf" --timeout 0.5
	ok "$(is $rc 124)" "an endless guest is stopped by the watchdog with 124"
	ok "$(has 'watchdog: the guest ran longer than 0.5 s' stderr)" "watchdog message"
	ok "$(has 'CR2 ' stderr)" "watchdog stop dumps registers"

	# Under tcg each step costs about 0.4 ms: the boot's 66,000 take half a
	# minute or more, so the watchdog is generous here.
	fl run --accel "$engine" --scenario boot --count-instructions --timeout 300
	n1=$(sed -n 's/.* \([0-9]*\) guest instructions single-stepped, \([0-9]*\) before.*/\1 \2/p' "$out/stderr")
	fl run --accel "$engine" --scenario boot --count-instructions --timeout 300
	n2=$(sed -n 's/.* \([0-9]*\) guest instructions single-stepped, \([0-9]*\) before.*/\1 \2/p' "$out/stderr")
	ok "$(is $rc 0)" "a single-stepped boot still exits 0"
	[ -n "$n1" ] && [ "$n1" = "$n2" ] && [ "${n1%% *}" -gt "${n1##* }" ] && [ "${n1##* }" -gt 1000 ]
	ok $? "instruction counts are deterministic and plausible ($n1)"
}

# broken_kernels: a triple fault and a hostile hypercall, on $engine.
broken_kernels() {
	fl run --accel "$engine" --kernel "$B/fixtures/triple.elf"
	ok "$(is $rc 125)" "a triple-faulting kernel gives 125"
	ok "$(has 'triple fault' stderr)" "triple fault is named"
	ok "$(has 'need not be the faulting state' stderr)" "dump warns that registers may be reset"
	ok "$(has 'ud2' stderr)" "dump disassembles the code at RIP"

	fl run --accel "$engine" --kernel "$B/fixtures/badhc.elf"
	ok "$(is $rc 125)" "a hostile console hypercall stops the guest, not the VMM"
	ok "$(has 'bad console hypercall: 64 bytes at guest address 0x7ff00000' stderr)" "hostile hypercall is reported"
}

for_engines scenarios_and_programs
for_engines watchdog_and_counting
for_engines broken_kernels
done_testing
