#!/bin/sh
# The tracer's contract with the kernel (guest/include/uapi/fl_trace.h): the
# build refuses a kernel that lacks one of its symbols, and the tracer names
# every one a --kernel lacks instead of tracing wrongly.
. "$(dirname "$0")/tap.inc"

guest/checksyms.sh "$B/guest/kernel.elf" 2>"$out/stderr"
ok $? "the built kernel defines every symbol of the contract"

# The same kernel with one contract symbol renamed, as a refactoring might.
objcopy --redefine-sym trap_iret=trap_return "$B/guest/kernel.elf" "$out/renamed.elf"
guest/checksyms.sh "$out/renamed.elf" 2>"$out/stderr"
ok "$(is $? 1)" "the build check refuses a kernel without trap_iret"
ok "$(has 'fl_trace.h) names symbols the kernel lacks: trap_iret' stderr)" "and names the symbol"

renamed() {
	db="$out/renamed-$engine.db"
	fl run --accel "$engine" --kernel "$out/renamed.elf" --scenario uaccess --db "$db"
	ok "$(is $rc 0)" "a kernel without the symbol still runs"
	ok "$(has "lacks symbols of the tracer's contract (fl_trace.h): trap_iret: running without tracing" stderr)" \
		"the tracer names the missing symbol at start-up"
	ok "$(is "$(q "select count(*) from faults")" 0)" "and records no half-traced faults"
}
for_engines renamed
done_testing
