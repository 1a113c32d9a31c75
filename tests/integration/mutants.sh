#!/bin/sh
# Mutation testing of the tracer: the kernels of $B/mutants/NAME (see
# tests/tests.mk and tests/fixtures/mutants/NAME.sed) are the real kernel with
# one bug each in its exception-table path. Booted with --kernel, each must
# be caught fault by fault: the faults its bug touches carry mismatch = 1 and
# a note saying how, every other fault of the run mismatch = 0. The real
# kernel shows no mismatch in any scenario. Faults are picked by what the
# host predicted (entry, handler) or by function, never by sequence number.
. "$(dirname "$0")/tap.inc"

M=$B/mutants
KERNEL=${FL_KERNEL_ELF:-$B/guest/kernel.elf}

# show CONDITION: the run's faults that match it as TAP comments, so that a
# failure shows what happened.
show() {
	q "SELECT printf('#   seq %d %s entry %s %s resume %s eax %s mismatch %d: %s', seq,
			 ifnull(eip_symbol, printf('0x%08x', eip)), ifnull(entry_index, '-'),
			 ifnull(outcome, '-'), iif(resume_eip IS NULL, '-', printf('0x%08x', resume_eip)),
			 iif(eax_after IS NULL, '-', printf('0x%08x', eax_after)), mismatch, ifnull(note, ''))
	   FROM faults WHERE $1 ORDER BY seq"
}

# boot KERNEL SCENARIO: one run into a database of its own ($db); ok if the
# run was traced to its end (a kernel the tracer cannot read runs untraced).
boot() {
	db=$out/$engine-$(basename "$(dirname "$1")")-$2.db
	fl run --accel "$engine" --kernel "$1" --scenario "$2" --db "$db"
	[ "$(has 'running without tracing' stderr)" != 0 ] &&
		[ "$(q "SELECT count(*) FROM runs WHERE status IN ('completed', 'guest_failed')")" = 1 ]
	ok $? "$3: $2 runs traced to its end"
}

# judge WHAT AFFECTED PHRASE REACHED: the run's faults matching the SQL
# condition AFFECTED all have mismatch = 1 and PHRASE in their note, and no
# other fault has mismatch = 1. REACHED is 1 if the run must have such faults
# (the scenario reaches the bug), 0 if it must have none.
judge() {
	n_aff=$(q "SELECT count(*) FROM faults WHERE $2")
	bad_aff=$(q "SELECT count(*) FROM faults WHERE ($2) AND NOT (mismatch = 1 AND ifnull(instr(note, '$3'), 0) > 0)")
	bad_rest=$(q "SELECT count(*) FROM faults WHERE NOT ($2) AND mismatch != 0")
	if [ "$4" = 1 ]; then
		[ "$n_aff" -gt 0 ]
		ok $? "$1: reached ($n_aff faults)"
	else
		ok "$(is "$n_aff" 0)" "$1: not reached"
	fi
	ok "$(is "$bad_aff" 0)" "$1: each fault it touches has mismatch = 1 and \"$3\" ($bad_aff not)"
	ok "$(is "$bad_rest" 0)" "$1: no other fault has mismatch = 1 ($bad_rest have)"
	[ "$bad_aff$bad_rest" = 00 ] || show "($2) OR mismatch != 0"
}

# mutant NAME SCENARIO REACHED AFFECTED PHRASE: boot mutant NAME under SCENARIO
# and judge its faults.
mutant() {
	if [ ! -f "$M/$1/kernel.elf" ]; then
		skip "$1: $2" "$M/$1/kernel.elf not built (make test builds it)"
		return
	fi
	boot "$M/$1/kernel.elf" "$2" "$1"
	judge "$1: $2" "$4" "$5" "$3"
}

# The entry a fault predicts is the first, or the last, of its table.
FIRST="entry_index = 0"
LAST="entry_index = (SELECT max(idx) FROM extable_entries e
		     WHERE e.run_id = faults.run_id AND e.owner = faults.owner)"
# __copy_user's second entry: the byte loop's rep movsb (after the word loop).
BYTE_LOOP="owner = 'kernel' AND entry_index = (SELECT max(idx) FROM extable_entries e
	   WHERE e.run_id = faults.run_id AND e.owner = 'kernel' AND e.insn_symbol GLOB '__copy_user+*')"

mutants() {
	# The only first entry a scenario reaches is the module's (its table has
	# one); uaccess reaches only kernel entries 3 to 40, which must stay quiet.
	# (--kernel still loads the built-in module, linked against the real
	# kernel's printk; its fault comes before that call.)
	mutant miss-first module 1 "$FIRST" "the kernel found none"
	mutant miss-first uaccess 0 "$FIRST" "the kernel found none"
	# The kernel's last entry is get_user_elsewhere's; the module's only
	# entry is its last too.
	mutant miss-last uaccess 1 "$LAST" "the kernel found none"
	mutant miss-last module 1 "$LAST" "the kernel found none"
	# The search over the table in link order misses some entry (see
	# unsorted.sed); the kernel oopses at the first fault there. Which entry
	# depends on how many the link puts where, so the fault is picked as
	# the one the host found an entry for and the kernel oopsed on.
	mutant unsorted uaccess 1 "entry_index IS NOT NULL AND outcome = 'oops'" "the kernel found none"
	# Only the byte loop's fixup jumps back wrong; the word loop's, taken
	# as often in the same copies, is right.
	mutant wrong-resume uaccess 1 "$BYTE_LOOP" "not past the faulting access"
	# Only ex_handler_fault is broken: divide's kernel #DE uses it; its user
	# #DE and every uaccess fault (ex_handler_default) must stay quiet.
	mutant no-trapnr divide 1 "handler = 'ex_handler_fault'" "trap number"
	mutant no-trapnr uaccess 0 "handler = 'ex_handler_fault'" "trap number"
}

# The real kernel, every scenario: no fault mismatches. Except module-gone,
# which unregisters the module's table on purpose so that its fault, which
# the host still finds in that table, oopses: it must mismatch, and alone.
real_kernel() {
	for s in $scenarios; do
		boot "$KERNEL" "$s" "real kernel"
		if [ "$s" = module-gone ]; then
			judge "real kernel: $s, the unregistered table" "owner = 'fltest'" \
				"the kernel found none" 1
		else
			bad=$(q "SELECT count(*) FROM faults WHERE mismatch != 0")
			ok "$(is "$bad" 0)" "real kernel: $s: no fault has mismatch = 1 ($bad have)"
			[ "$bad" = 0 ] || show "mismatch != 0"
		fi
	done
}

fl list
scenarios=$(awk '{ print $1 }' "$out/stdout")
ok "$(is "$(echo "$scenarios" | grep -cx 'tour\|uaccess\|divide\|module\|module-gone')" 5)" "faultline list names the scenarios used here"

for_engines mutants
for_engines real_kernel

done_testing
