#!/bin/sh
# The file system calls against bad pointers, in both user-access modes: the
# usercalls program checks every result itself; here the faults table must
# show the exception-table side, each user-access function faulting and
# being fixed up (verify_area refuses the same ranges before any fault).
. "$(dirname "$0")/tap.inc"

# fixed SQL-LIKE-PATTERN [EXTRA-CONDITION]: how many faults at that eip_symbol
# the guest resumed from at their fixup.
fixed() {
	q "SELECT count(*) FROM faults f WHERE outcome = 'fixup' AND mismatch = 0
	   AND eip_symbol LIKE '$1' ${2:+AND $2}"
}

# some N: 0 (true) if N is above zero.
some() { [ "$1" -gt 0 ]; echo $?; }

# The two entries of one 8-byte put_user share their fixup; no other store does.
U64="err_write = 1 AND (SELECT count(*) FROM extable_entries e
	WHERE e.run_id = f.run_id AND e.owner = f.owner AND e.fixup = f.fixup) = 2"

# usercalls: run the program on $engine.
usercalls() {
	db="$out/usercalls-$engine.db"
	fl run --accel "$engine" --program "$B/fixtures/usercalls.elf" --db "$db"
	ok "$(is $rc 0)" "usercalls exits 0 (every case passed)"
	ok "$(hasre '^usercalls: [0-9]+ cases, 0 failed$' stdout)" "usercalls: its summary line"
	grep -q 'usercalls: FAIL' "$out/stdout"
	ok "$(is $? 1)" "no FAIL line"
	grep 'usercalls: FAIL' "$out/stdout" | sed 's/^/# /'
	grep -q '\[verify_area\]' "$out/stdout"
	ok $? "the cases ran under verify_area as well"
	ok "$(some "$(fixed '__copy_user+%' 'err_write = 1')")" \
		"copy_to_user (__copy_user storing to user memory) was fixed up"
	ok "$(some "$(fixed '__copy_user+%' 'err_write = 0')")" \
		"copy_from_user (__copy_user reading user memory) was fixed up"
	for fn in clear_user strncpy_from_user strnlen_user; do
		ok "$(some "$(fixed "$fn+%")")" "$fn was fixed up"
	done
	for fn in sys_getpid sys_fstat sys_pipe; do
		ok "$(some "$(fixed "$fn+%" "err_write = 1 AND NOT ($U64)")")" \
			"put_user of 4 bytes in $fn was fixed up"
	done
	for fn in sys_getpid sys_fstat; do
		ok "$(some "$(fixed "$fn+%" "$U64")")" \
			"put_user of 8 bytes in $fn was fixed up"
	done
	ok "$(is "$(q "SELECT count(*) FROM faults WHERE outcome = 'oops' OR mismatch = 1")" 0)" \
		"no oops and no mismatch"
	# Console lines and faults share one clock: after the first verify_area
	# line, nothing may be fixed up, since every bad range is refused first.
	t=$(q "SELECT min(ts_ns) FROM console WHERE line LIKE '%[verify_area]%'")
	ok "$(is "$(q "SELECT count(*) FROM faults WHERE ts_ns > ${t:-0} AND outcome = 'fixup'")" 0)" \
		"under verify_area nothing is fixed up: bad ranges are refused before any access"
	fl faults --db "$db"
	ok "$(has 'strnlen_user+' stdout)" "faultline faults lists them"
}

for_engines usercalls
done_testing
