#!/bin/sh
# Instruction counts mean the same on every engine: where both KVM and QEMU
# TCG can run, bench's instructions column is identical between them. It is
# inherently about two engines, so it skips (saying why) where KVM is missing.
. "$(dirname "$0")/tap.inc"

if ! have_kvm; then
	skip "bench instruction counts equal on kvm and tcg" "no usable /dev/kvm: only one engine here"
	done_testing
	exit 0
fi
db="$out/eq.db"
for e in kvm tcg; do
	fl bench --quick --reps 1 --accel $e --db "$db"
	ok "$(is $rc 0)" "[$e] bench --quick exits 0"
done
counts() { # counts RUN: every instruction row of that run, one line each
	q "select case_name || ' ' || coalesce(parameter, '') || ' ' || cast(value as int) from bench
	   where run_id = $1 and measure = 'instructions' order by rowid"
}
counts 1 > "$out/kvm"
counts 2 > "$out/tcg"
test -s "$out/kvm" && diff "$out/kvm" "$out/tcg" > "$out/diff"
ok $? "every instruction count is the same on kvm and tcg"
sed 's/^/# /' "$out/diff"
ok "$(is "$(q "select (select engine like 'kvm%' from runs where id = 1) || (select engine from runs where id = 2)")" 1tcg)" "the runs record their engines"
done_testing
