#!/bin/sh
# Command-line handling: help, usage errors, bad input files, choosing the
# engine and what happens when none is there. Boots the guest only for
# --qemu-log (tcg); needs no KVM.
. "$(dirname "$0")/tap.inc"

fl --help
ok "$(is $rc 0)" "--help exits 0"
ok "$(has 'commands:' stdout)" "--help lists commands"
fl run --help
ok "$(is $rc 0)" "run --help exits 0"
ok "$(has '--timeout S' stdout)" "run --help lists options"
fl
ok "$(is $rc 2)" "no command exits 2"
fl frobnicate
ok "$(is $rc 2)" "unknown command exits 2"
ok "$(has 'unknown command "frobnicate"' stderr)" "unknown command is named"
fl run --bogus
ok "$(is $rc 2)" "unknown option exits 2"
ok "$(has 'usage: faultline run' stderr)" "unknown option prints usage"
fl run --timeout abc
ok "$(is $rc 2)" "non-numeric --timeout exits 2"
fl run --mem 4
ok "$(is $rc 2)" "--mem below 8 MiB exits 2"
fl run --mem 99999999999999999999
ok "$(is $rc 2)" "--mem overflow exits 2"
fl run --scenario nosuch
ok "$(is $rc 2)" "unknown scenario exits 2"
ok "$(has 'unknown scenario "nosuch"' stderr)" "unknown scenario is named"
fl run extra
ok "$(is $rc 2)" "stray argument exits 2"
fl run --accel bogus
ok "$(is $rc 2)" "an unknown --accel exits 2"
ok "$(has 'auto, kvm or tcg' stderr)" "and says which engines there are"
fl bench --accel bogus
ok "$(is $rc 2)" "bench: an unknown --accel exits 2"
fl list
ok "$(is $rc 0)" "list exits 0"
ok "$(has 'tour' stdout)" "list names the default scenario"

fl run --program /nonexistent
ok "$(is $rc 6)" "missing program file exits 6"
ok "$(has '/nonexistent' stderr)" "missing program names the path"
fl run --program /bin/ls
ok "$(is $rc 6)" "a 64-bit program is rejected with 6"
ok "$(has 'ELF64' stderr)" "the rejection says why"
fl run --kernel "$B/guest/user/init.elf"
ok "$(is $rc 6)" "a user program as --kernel is rejected (below 1 MiB)"
head -c 100 "$B/guest/kernel.elf" > "$out/trunc.elf"
fl run --kernel "$out/trunc.elf"
ok "$(is $rc 6)" "a truncated kernel is rejected"
test "$(wc -l < "$out/stderr")" -eq 1
ok $? "the rejection is one line"

# fl_without_qemu ARGS...: fl with FAULTLINE_QEMU naming a QEMU that is not
# there (a prefix assignment to a shell function may outlive the call).
fl_without_qemu() {
	FAULTLINE_QEMU=/nonexistent "$FL" "$@" >"$out/stdout" 2>"$out/stderr"
	rc=$?
}

# Inputs are checked before any engine is opened: with QEMU missing (and no
# KVM to use) a bad kernel is still a bad input file, 6, not a missing engine.
fl_without_qemu run --accel tcg --kernel "$out/trunc.elf"
ok "$(is $rc 6)" "a bad --kernel gives 6 before QEMU is looked for"
fl_without_qemu run --accel kvm --kernel "$out/trunc.elf"
ok "$(is $rc 6)" "a bad --kernel gives 6 before /dev/kvm is opened"

# qemu_log: --qemu-log is accepted and QEMU writes its exception log there
# (uaccess, as the boot scenario takes no exception at all).
qemu_log() {
	fl run --accel tcg --scenario uaccess --qemu-log "$out/qemu.log" --db "$out/log.db"
	ok "$(is $rc 0)" "--qemu-log is accepted (tcg run exits 0)"
	grep -q 'v=0e' "$out/qemu.log"
	ok $? "QEMU's exception log has the guest's page faults"
}

# qemu_missing: FAULTLINE_QEMU names a QEMU that is not there: 9, one line
# naming QEMU and how to install it, and the run row says why.
qemu_missing() {
	fl_without_qemu run --accel tcg --scenario boot --db "$out/noqemu.db"
	ok "$(is $rc 9)" "--accel tcg without QEMU exits 9"
	ok "$(has 'QEMU' stderr)" "the message names QEMU"
	ok "$(has 'apt-get install' stderr)" "and says how to install it"
	test "$(wc -l < "$out/stderr")" -eq 1
	ok $? "in one line"
	db="$out/noqemu.db"
	ok "$(is "$(q "select status || ' ' || exit_code || ' ' || (length(error) > 0) from runs")" "vmm_error 9 1")" "the run row: vmm_error, exit code 9, with the error"
}

# no_engine: auto with neither /dev/kvm nor QEMU: 8. Hiding /dev/kvm needs
# root (a private mount namespace); the tcg fallback itself is in kvmdev.sh.
no_engine() {
	if ! can_unshare; then
		skip "auto without KVM and QEMU" "hiding /dev/kvm needs root and unshare"
		return
	fi
	FAULTLINE_QEMU=/nonexistent without_kvm "$FL" run --scenario boot --db "$out/noengine.db" \
		>"$out/stdout" 2>"$out/stderr"
	ok "$(is $? 8)" "--accel auto with no KVM and no QEMU exits 8"
	ok "$(has 'QEMU' stderr)" "the message names QEMU"
	ok "$(has '/dev/kvm' stderr)" "and /dev/kvm"
	FAULTLINE_QEMU=/nonexistent without_kvm "$FL" run --kernel "$out/trunc.elf" \
		--db "$out/noengine.db" >"$out/stdout" 2>"$out/stderr"
	ok "$(is $? 6)" "with no engine at all a bad --kernel still gives 6"
}

qemu_log
qemu_missing
no_engine

done_testing
