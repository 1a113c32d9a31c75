#!/bin/sh
# Command-line handling: help, usage errors, bad input files. No KVM needed
# except where marked.
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

done_testing
