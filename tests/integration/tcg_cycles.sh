#!/bin/sh
# Under QEMU TCG the guest TSC runs on QEMU's instruction counter
# (-icount shift=0), so bench's cycle medians are the same on every run.
. "$(dirname "$0")/tap.inc"

db="$out/cycles.db"
for i in 1 2; do
	fl bench --quick --reps 3 --accel tcg --db "$db"
	ok "$(is $rc 0)" "[tcg] bench run $i exits 0"
done
cycles() { q "select group_concat(case_name || coalesce(parameter, '') || '=' || cast(value as int), ' ')
	      from (select * from bench where run_id = $1 and measure = 'cycles' order by rowid)"; }
c1=$(cycles 1)
ok "$(is "$([ -n "$c1" ] && echo "$c1" | grep -q 'get_user_invalid=' && echo y)" y)" "[tcg] the cycle medians are stored"
ok "$(is "$c1" "$(cycles 2)")" "[tcg] every cycle median is the same on a second run"
ok "$(is "$(q "select emulated || engine from runs where id = 2")" 1tcg)" "[tcg] the run says the guest was emulated, by tcg"
done_testing
