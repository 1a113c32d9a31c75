#!/bin/sh
# QEMU as the oracle: under TCG, QEMU's own exception log (`--qemu-log`, its
# `-d int`) is a record of every #PF and #DE that comes from outside our code.
# For every scenario of `faultline list` and for the badptr and usercalls
# programs, the faults table must equal the #PF (v=0e) and #DE (v=00)
# exceptions of that log, one to one and in order: vector, error code, CPL,
# EIP and CR2 (CR2 for #PF only; the table's is NULL for #DE).
. "$(dirname "$0")/tap.inc"

qemu=${FAULTLINE_QEMU:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null 2>&1; then
	skip "QEMU's exception log against the faults table" "no $qemu"
	done_testing
	exit 0
fi

db=$out/oracle.db
log=$out/qemu.log

# The latest run's faults, one line each, in the canonical form the log is
# turned into below.
table_faults() {
	q "SELECT printf('v=%02x e=%04x cpl=%d eip=%08x cr2=%s', vector, error_code, cpl, eip,
			 CASE WHEN cr2 IS NULL THEN '-' ELSE printf('%08x', cr2) END)
	   FROM faults WHERE run_id = (SELECT max(id) FROM runs) ORDER BY seq"
}

# qemu_faults LOG: QEMU's log as #PF/#DE lines in the form above.
. "$(dirname "$0")/qemulog.inc"

# first_diff A B: the first line where the two sequences differ.
first_diff() {
	awk 'FILENAME == ARGV[1] { a[FNR] = $0; na = FNR; next }
	     { b[FNR] = $0; nb = FNR }
	     END {
		for (i = 1; i <= na || i <= nb; i++)
			if (!(i in a) || !(i in b) || a[i] != b[i]) {
				printf "# first difference at fault %d (%d in the table, %d in QEMU'"'"'s log)\n", i, na, nb
				printf "#   faults table: %s\n", (i in a) ? a[i] : "(no more faults)"
				printf "#   QEMU log:     %s\n", (i in b) ? b[i] : "(no more exceptions)"
				exit
			}
	     }' "$1" "$2"
}

# oracle NAME FAULTS STATUS ARGS...: run faultline under TCG with ARGS, check
# it exits with STATUS, and compare. FAULTS is "some" if the run must fault,
# "none" if it must not.
oracle() {
	name=$1 want=$2 status=$3
	shift 3
	rm -f "$log"
	fl run --accel tcg --db "$db" --qemu-log "$log" "$@"
	run=$(q "SELECT status || ' ' || exit_code || ' ' || engine || ' ' ||
			(fault_count = (SELECT count(*) FROM faults WHERE run_id = runs.id))
		 FROM runs WHERE id = (SELECT max(id) FROM runs)")
	case $status in
	0) end="completed 0 tcg 1" ;;
	*) end="guest_failed $status tcg 1" ;;
	esac
	# runs: status, exit_code, engine, and whether fault_count counts the rows
	ok "$(is "$rc $run" "$status $end")" "$name: exits $status, the run says '$end'"
	if [ "$rc $run" != "$status $end" ]; then
		echo "# got exit $rc, the run says '$run'"
		sed 's/^/# /' "$out/stderr"
	fi
	table_faults >"$out/table"
	if [ -f "$log" ]; then qemu_faults "$log" >"$out/qemu"; else echo "?? no QEMU log" >"$out/qemu"; fi
	cmp -s "$out/table" "$out/qemu"
	ok $? "$name: the faults table is QEMU's #PF/#DE list ($(wc -l <"$out/table") faults, $(wc -l <"$out/qemu") in the log)"
	first_diff "$out/table" "$out/qemu"
	nf=$(wc -l <"$out/table")
	if [ "$want" = some ]; then
		ok "$( [ "$nf" -gt 0 ]; echo $?)" "$name: it faults ($nf faults)"
	else
		ok "$(is "$nf" 0)" "$name: it takes no fault ($nf faults)"
	fi
}

scenarios=$("$FL" list | awk '{ print $1 }')
ok "$( [ -n "$scenarios" ]; echo $?)" "faultline list names the scenarios"
for s in $scenarios; do
	case $s in
	boot) oracle "$s" none 0 --scenario "$s" ;;	# boots and greets, no fault
	race | module-gone | oops) oracle "$s" some 100 --scenario "$s" ;;	# end in an oops
	*) oracle "$s" some 0 --scenario "$s" ;;
	esac
done

# Exit status 0: the program's own, so every case passed.
oracle badptr some 0 --program "$B/fixtures/badptr.elf"
ok "$(hasre '^badptr: [0-9]+ cases, 0 failed$' stdout)" "badptr: every case passed"
if grep -q '^badptr: FAIL' "$out/stdout"; then grep '^badptr: FAIL' "$out/stdout" | sed 's/^/# /'; fi
oracle usercalls some 0 --program "$B/fixtures/usercalls.elf"
ok "$(hasre '^usercalls: [0-9]+ cases, 0 failed$' stdout)" "usercalls: every case passed"
done_testing
