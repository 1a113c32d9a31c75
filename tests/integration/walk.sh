#!/bin/sh
# The page walk and the trap frame of each fault (fault_walk; faults'
# walk_level, walk_reason and frame_* columns), checked against the guest's
# own view: with pfwalk=1 on its command line the kernel prints, first thing
# in do_page_fault, each entry of its own walk of CR2 (read from the tables
# CR3 names, through its kernel mapping), and the rows the tracer took at the
# exception entry must be exactly those lines.
. "$(dirname "$0")/tap.inc"

# same_walks RUN: the guest's printed walks and the recorded ones, in order.
same_walks() {
	q "SELECT substr(line, 9) FROM console WHERE run_id = $1 AND line LIKE 'pfwalk: %'
	   ORDER BY id" > "$out/guest"
	q "SELECT printf('cr2 0x%x level %d entry 0x%x value 0x%x', f.cr2, w.level, w.entry_addr,
		  w.entry_value)
	   FROM faults f JOIN fault_walk w ON w.run_id = f.run_id AND w.fault_seq = f.seq
	   WHERE f.run_id = $1 ORDER BY f.seq, w.level DESC" > "$out/host"
	[ -s "$out/guest" ] && cmp -s "$out/guest" "$out/host"
	r=$?
	diff "$out/guest" "$out/host" | head -5 | sed 's/^/# /'
	echo $r
}

# every_pf_explained RUN: walk rows and a refused_by for each #PF, none for #DE.
every_pf_explained() {
	q "SELECT count(*) FROM fault_timeline t WHERE run_id = $1 AND
	   (exception = '#PF') = (refused_by IS NULL OR NOT EXISTS (SELECT 1 FROM fault_walk w
		WHERE w.run_id = t.run_id AND w.fault_seq = t.seq))"
}

walk_checks() {
	db=$out/walk-$engine.db
	fl run --accel "$engine" --scenario uaccess --append pfwalk=1 --db "$db"
	ok "$(is "$rc/$(q "SELECT cmdline FROM runs WHERE id = 1")" "0/scenario=uaccess pfwalk=1")" \
		"uaccess with --append pfwalk=1 exits 0, the word on the kernel command line"
	ok "$(same_walks 1)" "uaccess: each fault's recorded walk is the one the guest printed: every level, entry address and value"
	ok "$(is "$(every_pf_explained 1)" 0)" "every #PF has its walk rows and a refused_by"
	# The walk stops at the level that refused: there P is clear.
	ok "$(is "$(q "SELECT count(*) FROM faults f JOIN fault_walk w ON w.run_id = f.run_id
		AND w.fault_seq = f.seq AND w.level = (SELECT min(level) FROM fault_walk v
		WHERE v.run_id = f.run_id AND v.fault_seq = f.seq)
		WHERE f.walk_reason = 'not_present' AND (w.level <> f.walk_level OR w.entry_value & 1)")" 0)" \
		"a not-present walk ends at its level, whose entry has P clear"
	ok "$(is "$(q "SELECT refused_by FROM fault_timeline WHERE run_id = 1 AND cr2 = '0x00000000'")" \
		"PDE not present")" "the NULL get_user: refused at the PDE, not present (no page table there)"
	ok "$(is "$(q "SELECT count(*) FROM fault_timeline WHERE run_id = 1 AND
		access = 'kernel write, protection' AND refused_by = 'PTE read only' AND outcome = 'fixup'")" 1)" \
		"put_user to the read-only page: refused by the PTE, read only (CR0.WP), fixed up"
	ok "$(is "$(q "SELECT count(*) FROM faults WHERE frame_addr IS NULL OR frame_eip_before IS NOT eip")" 0)" \
		"every fault's frame: its address, and frame_eip_before = eip"
	ok "$(is "$(q "SELECT count(*) FROM faults WHERE outcome = 'fixup' AND handler = 'ex_handler_default'
		AND frame_eax_after = frame_eax_before AND frame_edx_after = frame_edx_before")" 14)" \
		"the 14 fixups: ex_handler_default leaves the frame's EAX and EDX as they were"
	ok "$(is "$(q "SELECT count(*) FROM faults WHERE outcome = 'fixup' AND
		frame_edx_after <> edx_after AND edx_after = 4294967282")" 4)" \
		"frame_edx_after is before the fixup: -EFAULT (edx_after) comes after it, in 4 of them"

	fl faults --db "$db"
	ok "$(is "$(head -n 1 "$out/stdout" | awk '{print $8, $9}')" "access refused_by")" \
		"faults prints the refused_by column"
	ok "$(hasre ' +kernel write, protection +PTE read only +found ' stdout)" "with the level and the reason"

	fl run --accel "$engine" --scenario demand --append pfwalk=1 --db "$db"
	ok "$(same_walks 2)" "demand (stack growth, the zero page, COW): the walks are the guest's"
	ok "$(is "$(every_pf_explained 2)" 0)" "every #PF has its walk rows and a refused_by"
	ok "$(is "$(q "SELECT count(*) FROM fault_timeline WHERE run_id = 2 AND
		access = 'user write, protection' AND refused_by = 'PTE read only' AND outcome = 'resolved'")" 1)" \
		"the user write to a copy-on-write page: refused by the PTE, read only, resolved"

	fl run --accel "$engine" --scenario divide --db "$db"
	ok "$(is "$(every_pf_explained 3)/$(q "SELECT count(*) FROM faults WHERE run_id = 3")" 0/2)" \
		"divide errors get no walk"
	ok "$(is "$(q "SELECT frame_eax_after FROM faults WHERE run_id = 3 AND outcome = 'fixup'
		AND handler = 'ex_handler_fault'")" 0)" "ex_handler_fault leaves the trap number (0) in the frame's EAX"
	ok "$(is "$(q "SELECT count(*) FROM console WHERE run_id = 3 AND line LIKE 'pfwalk:%'")" 0)" \
		"without pfwalk=1 the guest prints no walk"
}
for_engines walk_checks

# --append's bad uses are refused before anything runs.
db=$out/bad.db
fl run --append "pfwalk=1 -- x" --db "$db"
ok "$(is "$rc/$(wc -l < "$out/stderr")" 2/1)" "--append with a -- word exits 2, one line"
fl run --append "$(printf 'a\tb')" --db "$db"
ok "$(is "$rc/$(wc -l < "$out/stderr")" 2/1)" "--append with a control character exits 2"
fl run --append "$(printf '%1100s' x)" --db "$db"
ok "$(is "$rc/$(wc -l < "$out/stderr")" 2/1)" "--append too long for the command line exits 2"
test ! -e "$db"
ok $? "and no database is made"
done_testing
