#!/bin/sh
# The hostile-guest fixture (tests/fixtures/randguest.S) with many seeds on
# every engine: random hypercalls, port writes, unmapped and non-RAM accesses,
# triple faults. However a run ends, faultline must end it with one diagnosis
# line and a documented exit status, no sanitizer report, and a sound
# database recording the run's status and exit code. The seed is the word
# after --, which the VMM passes on the kernel command line (the program given
# with --program is only there to allow it; the fixture ignores modules).
. "$(dirname "$0")/tap.inc"

SEEDS=${SEEDS:-20}
db=$out/rg.db
runs=0

# check_seed SEED: one run on $engine, then the checks. The memory size
# varies too, so "the end of RAM" does.
check_seed() {
	fl run --accel "$engine" --no-trace --timeout 20 --db "$db" --mem $((8 + $1 * 37 % 120)) \
		--kernel "$B/fixtures/randguest.elf" --program "$B/fixtures/badptr.elf" -- "seed-$1"
	runs=$((runs + 1))
	diag=$(grep '^faultline: ' "$out/stderr")
	# The guest's own status when it exits through the hypercall; else the
	# watchdog (124), a crash (125), a host failure (7) or QEMU (9).
	case "$diag" in
	"faultline: guest exited with status $rc "*) good=0 ;;
	*) case $rc in 7|9|124|125) good=0 ;; *) good=1 ;; esac ;;
	esac
	ok "$good" "seed $1: exit status $rc is documented for \"$diag\""
	ok "$(is "$(printf '%s\n' "$diag" | grep -c .)" 1)" "seed $1: one diagnosis line"
	ok "$(grep -qE 'Sanitizer|runtime error' "$out/stderr"; is $? 1)" "seed $1: no sanitizer report"
	ok "$(is "$(q 'PRAGMA integrity_check')" ok)" "seed $1: the database passes integrity_check"
	ok "$(is "$(q "SELECT count(*) || ' ' || (status IS NOT NULL AND ended_at IS NOT NULL)
		|| ' ' || exit_code FROM runs WHERE id = (SELECT max(id) FROM runs)")" "1 1 $rc")" \
		"seed $1: run $runs is recorded with its status and exit code $rc"
}

seeds() {
	s=1
	while [ $s -le "$SEEDS" ]; do
		check_seed $s
		s=$((s + 1))
	done
}

for_engines seeds
ok "$(is "$(q 'SELECT count(*) FROM runs')" $runs)" "one run row per run"
done_testing
