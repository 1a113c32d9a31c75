#!/bin/sh
# The terminal replay (issue 10) driven with keys in a 100×30 pseudo-terminal
# (pty_drive.py): each screen checked against the database, the terminal's
# modes given back after q and after SIGTERM; and printed, with no escape
# byte, when stdout is not a terminal.
. "$(dirname "$0")/tap.inc"
here=$(dirname "$0")

if ! command -v python3 > /dev/null; then
	skip "the terminal replay under a pseudo-terminal" "no python3"
	done_testing
	exit 0
fi

db=$out/t.db
fl run --scenario uaccess --steps=3 --db "$db"
ok "$(is $rc 0)" "uaccess with --steps=3 exits 0"

# drive NAME [REPLAY-ARGS...] < ACTIONS: `replay --db $db ARGS` in a 100×30
# pseudo-terminal; the driver's files in $out/NAME, its status in $rc.
drive() {
	d=$out/$1
	shift
	mkdir -p "$d"
	python3 "$here/pty_drive.py" 30 100 "$d" -- "$FL" replay --db "$db" "$@" 2> "$d/driver"
	rc=$?
	[ $rc = 0 ] || sed 's/^/# /' "$d/driver" "$d/stderr"
}

# ere TEXT: TEXT as an extended regular expression that matches only it.
ere() { printf '%s\n' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'; }
# A step of fault N by its position, 0 first, as the screen shows it: "EIP  SYMBOL".
step() { ere "$(q "select printf('0x%08x', eip) || '  ' || eip_symbol from fault_steps
	where run_id = 1 and fault_seq = ${2:-2} order by step_idx limit 1 offset $1")"; }
n1=$(q "select count(*) from fault_steps where run_id = 1 and fault_seq = 1")
n2=$(q "select count(*) from fault_steps where run_id = 1 and fault_seq = 2")
at5=$(q "select step_idx from fault_steps where run_id = 1 and fault_seq = 2 and milestone = 5")
pos5=$(q "select count(*) from fault_steps where run_id = 1 and fault_seq = 2 and step_idx < $at5")

drive keys <<EOF
expect fault 1 .*insn 1/$n1\$
save first
termios raw
send 5
expect never went through step 5
send f
expect fault 2 .*insn 1/$n2\$
send 5
expect insn $((pos5 + 1))/$n2\$
save m5
send n
expect insn $((pos5 + 2))/
save next
send p
expect insn $((pos5 + 1))/
send \x1b[C
expect insn $((pos5 + 2))/
send \x1b[D
expect insn $((pos5 + 1))/
save back
send q
exit status
termios after
EOF
ok "$(is $rc 0)" "the keys n, p, arrows, 5, f and q drive the replay"
s=$out/keys
ok "$(has '║⟦ 1 access ⟧║' keys/first)" "first screen: fault 1, box 1 lit"
ok "$(hasre "^⟦►1 +0 $(step 0 1)" keys/first)" "and its first instruction current"
ok "$(is "$(cat "$s/raw")" "echo=0 icanon=0")" "the terminal is in raw mode while it runs"
ok "$(has '║⟦ 5 lookup ⟧║' keys/m5)" "5: box 5 lit"
ok "$(hasre "^⟦►5 +$at5 $(step "$pos5")" keys/m5)" "5: the instruction of step 5 current"
ok "$(has "$(q "select 'found: ' || owner || ' entry [' || entry_index || '], fixup '
	|| printf('0x%08x', fixup) from faults where run_id = 1 and seq = 2")" keys/m5)" \
	"5: the entry found, as the faults row says"
ok "$(hasre "EIP  $(q "select iif(frame_eip_before is null, '—', printf('0x%08x',
	frame_eip_before)) from faults where run_id = 1 and seq = 2") +→ \(not yet\)" keys/m5)" \
	"5: the frame's EIP before the handler, not yet rewritten"
ok "$(hasre "^⟦► +$((at5 + 1)) $(step $((pos5 + 1)))" keys/next)" "n: the next instruction"
ok "$(hasre "^⟦►5 +$at5 " keys/back)" "p, right, left: back at step 5"
ok "$(is "$(cat "$s/status")" 0)" "q exits 0"
ok "$(is "$(cat "$s/after")" "echo=1 icanon=1")" "and the terminal's modes are back"

# The registers the database holds at step 5, folded from step_regs: each
# on the screen, [bracketed] and lit where step 5's own row changed it.
regs=$(q "select r.reg || ' ' || printf('0x%08x', r.value) || ' ' || (r.step_idx = $at5)
	from step_regs r where r.run_id = 1 and r.fault_seq = 2 and r.step_idx = (select
	max(step_idx) from step_regs x where x.run_id = 1 and x.fault_seq = 2 and x.reg = r.reg
	and x.step_idx <= $at5)")
if [ -n "$regs" ]; then
	echo "$regs" | while read -r reg val changed; do
		if [ "$changed" = 1 ] && [ "$at5" != 0 ]; then want=" $reg ⟦\[$val\]⟧"
		else want=" $reg  $val( |\$)"; fi
		grep -qE -- "$want" "$s/m5" || echo "# $reg: no \"$want\""
	done > "$out/regs"
	cat "$out/regs"
	ok "$([ ! -s "$out/regs" ]; echo $?)" "5: every register as step_regs holds it, changes lit"
else
	skip "5: every register as step_regs holds it, changes lit" "no step_regs recorded"
fi

probes=$(q "select 'probes:' || group_concat(' ' || iif(prev is owner, '', owner || ' ') || '#'
	|| probe || ' [' || idx || '] ' || result, '') from (select *, lag(owner) over (order by
	probe) prev from extable_probes where run_id = 1 and fault_seq = 2 and step_idx <= $at5
	order by probe)")
if [ "$probes" != "probes:" ] && [ -n "$probes" ]; then
	ok "$(has "$probes" keys/m5)" "5: the probes numbered in the order recorded"
else
	skip "5: the probes numbered in the order recorded" "no extable_probes recorded"
fi

walk=$(q "select case walk_level when 4 then 'PML4E' when 3 then 'PDPTE' when 2 then 'PDE'
	else 'PTE' end || ' ' || replace(walk_reason, '_', ' ') from faults where run_id = 1
	and seq = 2 and walk_level is not null and walk_reason <> 'allowed'")
if [ -n "$walk" ]; then
	ok "$(hasre "^► ${walk%% *} .*⟦${walk#* }⟧" keys/m5)" "5: the failing walk level marked"
else
	skip "5: the failing walk level marked" "no walk_level recorded"
fi

# --milestones: n goes from one of the eight steps to the next.
at2=$(q "select count(*) from fault_steps where run_id = 1 and fault_seq = 2 and step_idx <
	(select step_idx from fault_steps where run_id = 1 and fault_seq = 2 and milestone = 3)")
drive milestones --fault 2 --milestones <<EOF
expect fault 2 .*insn 1/
send nn
expect insn $((at2 + 1))/
save m3
send q
exit status
EOF
ok "$(is "$rc/$(cat "$out/milestones/status")" 0/0)" "--milestones: n n goes to step 3"
ok "$(has '║⟦ 3 handler⟧║' milestones/m3)" "and lights box 3"

drive term <<EOF
expect insn 1/
signal TERM
exit status
termios after
EOF
ok "$(is "$rc/$(cat "$out/term/status")" 0/-15)" "SIGTERM ends the replay"
ok "$(is "$(cat "$out/term/after")" "echo=1 icanon=1")" "and the terminal's modes are back"

# Not a terminal: each milestone's screen, plain.
fl replay --db "$db"
ok "$(is "$rc/$(od -An -c "$out/stdout" | grep -c '033')" 0/0)" "printed: exits 0, no escape byte"
ok "$(is "$(grep -o '^== step [0-9]' "$out/stdout" | tr -d '\n')" "$(q "select group_concat(
	'== step ' || milestone, '') from fault_steps where run_id = 1 and fault_seq = 1 and
	milestone is not null order by step_idx")")" "a screen for each of fault 1's milestones"
python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 100 for l in
	list(open(sys.argv[1], encoding="utf-8"))[1:]))' "$out/stdout"
ok $? "no line wider than 100 columns (but the summary)"
fl replay --db "$db" --fault 2 --all
ok "$(is "$rc/$(grep -c '^run 1 · fault 2 · ' "$out/stdout")" "0/$n2")" "--all: a screen for every step"
done_testing
