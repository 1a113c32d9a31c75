#!/bin/sh
# The exports: `faults --format qemu` read by the same awk that reads QEMU's
# own -d int log (qemulog.inc), compared with that log for the uaccess
# scenario under TCG; `export --format chrome-json` checked with python3's
# json module against the database's rows.
. "$(dirname "$0")/tap.inc"
. "$(dirname "$0")/qemulog.inc"

db=$out/x.db
log=$out/qemu.log

# --format qemu's bad uses: exit 2 with the usage.
fl faults --db "$db" --format html
ok "$(is "$rc/$(grep -c '^usage: faultline faults' "$out/stderr")" 2/1)" "faults --format html exits 2 with the usage"
fl faults --db "$db" --format qemu --json
ok "$(is "$rc/$(grep -c '^usage: faultline faults' "$out/stderr")" 2/1)" "--format qemu with --json exits 2"
fl extable --db "$db" --format qemu
ok "$(is $rc 2)" "extable has no --format"
fl faults --db "$out/missing.db" --format qemu
ok "$(is "$rc/$(wc -l < "$out/stderr")" 1/1)" "a missing database exits 1 with one line"

qemu=${FAULTLINE_QEMU:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null 2>&1; then
	skip "faults --format qemu against QEMU's log" "no $qemu"
else
	fl run --accel tcg --db "$db" --qemu-log "$log" --scenario uaccess
	ok "$(is $rc 0)" "uaccess under tcg with --qemu-log exits 0"
	fl faults --db "$db" --format qemu
	ok "$(is $rc 0)" "faults --format qemu exits 0"
	cp "$out/stdout" "$out/ours.log"
	nf=$(q "SELECT count(*) FROM faults WHERE run_id = (SELECT max(id) FROM runs)")
	ok "$(is "$(grep -cE '^ *[0-9]+: v=' "$out/ours.log")" "$nf")" "one delivery line per fault ($nf)"
	# Every line is one of QEMU's two forms, every field where QEMU has it.
	form='^(check_exception old: 0xffffffff new 0x[0-9a-f]+| *[0-9]+: v=[0-9a-f]{2} e=[0-9a-f]{4} i=0 cpl=[0-3] IP=[0-9a-f]{4}:[0-9a-f]{16} pc=[0-9a-f]{16} SP=[0-9a-f]{4}:[0-9a-f]{16} (CR2|EAX)=[0-9a-f]{16})$'
	ok "$(is "$(grep -vcE "$form" "$out/ours.log")" 0)" "every line has QEMU's form"
	grep -E '^ *[0-9]+: v=(0e|00) ' "$log" > "$out/theirs.pfde"
	ok "$(is "$(grep -vcE "$form" "$out/theirs.pfde")/$( [ -s "$out/theirs.pfde" ]; echo $?)" 0/0)" \
		"the form is QEMU's: its own #PF/#DE lines match it"
	qemu_faults "$out/ours.log" > "$out/ours"
	qemu_faults "$log" > "$out/theirs"
	ok "$(is "$(grep -c '^??' "$out/ours")" 0)" "QEMU's log reader takes our lines without doubt"
	ok "$( [ -s "$out/ours" ]; echo $?)" "and finds the faults in them"
	cmp -s "$out/ours" "$out/theirs"
	ok $? "vector, error code, CPL, EIP and CR2 equal QEMU's own log, in order"
	diff "$out/ours" "$out/theirs" | head -5 | sed 's/^/# /'
fi
done_testing
