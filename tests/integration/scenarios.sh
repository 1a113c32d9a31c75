#!/bin/sh
# The exception-table scenarios: every case's result, the oopses, and a
# kernel whose table is not sorted.
. "$(dirname "$0")/tap.inc"

# scenario NAME STATUS CASES: runs it, checks the exit status, that every
# case line passed and that there were CASES of them.
scenario() {
	fl run --accel "$engine" --scenario "$1"
	ok "$(is $rc "$2")" "$1: exit status $rc (want $2)"
	cases=$(grep -c '\.\.\. ok$' "$out/stdout")
	fails=$(grep -c '\.\.\. FAIL$' "$out/stdout")
	ok "$(is "$cases/$fails" "$3/0")" "$1: $cases cases passed, $fails failed (want $3/0)"
}

# uaccess: the user-access cases, on $engine.
uaccess() {
	scenario uaccess 0 25
	ok "$(has '[uaccess] get_user(u32, NULL 0x0) = -14, value 0x0' stdout)" "NULL: -EFAULT, value zeroed"
	ok "$(has '[uaccess] get_user(u32, kernel address 0xc0100000) = -14' stdout)" "kernel address refused"
	ok "$(has 'last word below TASK_SIZE 0xbffffffc) = 0' stdout)" "0xBFFFFFFC size 4 passes"
	ok "$(has 'word crossing TASK_SIZE 0xbffffffd) = -14' stdout)" "0xBFFFFFFD size 4 does not"
	ok "$(has 'unmapped 0x40001000) = -14, value 0x0' stdout)" "unmapped: fault, fixup, -EFAULT"
	ok "$(has 'across into an unmapped page = 22 left, the tail of kbuf zeroed' stdout)" "straddling copy: 22 of 32 bytes not copied, zero-filled"
	ok "$(has 'put_user(0x55, read-only 0x40001000) = -14, memory still 0x0' stdout)" "read-only target untouched"
	ok "$(has 'kernel memory untouched' stdout)" "failed put_user to a kernel address writes nothing"
	ok "$(has '[outside_text] get_user from .init.text' stdout)" "a table entry outside .text works"
}

# passing_scenarios: the other scenarios whose cases all pass, on $engine.
passing_scenarios() {
	scenario divide 0 3
	ok "$(has '20 / 0 = -1, fixup ran with trap number 0 in EAX (ex_handler_fault)' stdout)" "kernel #DE fixed by ex_handler_fault"
	ok "$(has 'divzero[2]: killed by SIGFPE' stdout)" "user #DE kills the process"

	scenario demand 0 11
	ok "$(has 'write 7, read of a new page 0, then copy-on-write 9' stdout)" "demand paging and COW values"
	ok "$(has 'recursion 200 frames deep (stack growth) = 20100' stdout)" "stack growth"

	scenario vmalloc 0 1
	scenario module 0 1
	ok "$(has 'module fltest: loaded at 0xf8000000' stdout)" "module loaded at boot"
	ok "$(has 'fltest_peek(0x10) = -14, fixed through the module' stdout)" "module fault fixed by its own table"

	scenario verify_area 0 12
	ok "$(hasre 'straddling into a hole 0x[0-9a-f]+, 32\) = -14' stdout)" "verify_area refuses a straddling range whole"
	ok "$(has 'write(1, 0x10, 8) via verify_area = -14, refused before any fault' stdout)" "verify_area system call path"
}

# oops_scenarios: the scenarios that end in an oops, on $engine.
oops_scenarios() {
	fl run --accel "$engine" --scenario race
	ok "$(is $rc 100)" "race ends in an oops (100)"
	ok "$(has 'the other thread unmapped it, copy_from_user = 4 bytes left: -EFAULT ... ok' stdout)" "race through the exception table: -EFAULT"
	ok "$(has 'EIP: 0028:' stdout)" "race through verify_area: oops with registers"
	ok "$(has '<get_user_unchecked+' stdout)" "the oops names the unchecked access"
	ok "$(has 'CR2: 40001000' stdout)" "the oops shows the unmapped buffer in CR2"

	fl run --accel "$engine" --scenario module-gone
	ok "$(is $rc 100)" "module-gone ends in an oops (100)"
	ok "$(has '<module+0x' stdout)" "the oops places EIP in the module"

	fl run --accel "$engine" --scenario oops
	ok "$(is $rc 100)" "oops scenario exits 100"
	ok "$(has 'Oops: unable to handle kernel paging request: page fault (vector 14)' stdout)" "oops names the exception"
	ok "$(has 'CR2: 0000000c' stdout)" "oops shows CR2"
	ok "$(has 'Kernel stopped: init[1]' stdout)" "oops names the task"
}

# tour: the default scenario, on $engine.
tour() {
	fl run --accel "$engine"
	ok "$(is $rc 0)" "tour exits 0"
	for s in boot uaccess divide demand vmalloc module verify_area user-faults; do
		ok "$(has "init: scenario $s passed" stdout)" "tour runs $s"
	done
	ok "$(is "$(grep -c 'FAIL' "$out/stdout")" 0)" "tour: no failed case"
}

# A kernel whose table is out of order must refuse to run.
python3 - "$B/guest/kernel.elf" "$out/unsorted.elf" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<I', data, 0x20)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x2e)
def sh(i): return struct.unpack_from('<IIIIIIIIII', data, shoff + i * shentsize)
stroff = sh(shstrndx)[4]
for i in range(shnum):
    s = sh(i)
    name = data[stroff + s[0]:data.index(0, stroff + s[0])].decode()
    if name == '__ex_table':
        off = s[4]
        a, b = data[off:off + 12], data[off + 12:off + 24]
        data[off:off + 12], data[off + 12:off + 24] = b, a
open(sys.argv[2], 'wb').write(data)
PY

# unsorted_table: that kernel, on $engine.
unsorted_table() {
	fl run --accel "$engine" --kernel "$out/unsorted.elf"
	ok "$(is $rc 101)" "a kernel with an unsorted table panics (101)"
	ok "$(has '__ex_table is not sorted at entry 1' stdout)" "and says why"
}

for_engines uaccess
for_engines passing_scenarios
for_engines oops_scenarios
for_engines tour
for_engines unsorted_table

done_testing
