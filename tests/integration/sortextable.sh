#!/bin/sh
# sortextable on tiny linked ELF32 images: it sorts an unsorted __ex_table in
# place touching no other byte, --check accepts exactly the valid tables, and
# damaged or hostile files give exit 1 and one line on stderr, never a crash.
# Uses the already-built $B/tools/sortextable; builds only its fixtures.
set -u
B=${B:-build}
SORT=$B/tools/sortextable
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

echo "1..25"

result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# run NAME ARGS...: run sortextable, keep NAME.out/NAME.err, set rc
run() {
	name=$1
	shift
	"$SORT" "$@" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
}

# rejected NAME: the last run failed cleanly: exit 1, one line on stderr
rejected() {
	[ "$rc" = 1 ] && [ "$(wc -l <"$T/$1.err")" = 1 ] && [ ! -s "$T/$1.out" ]
}

# build NAME: link $T/NAME.elf from this table body (stdin) plus fixed code.
# .text.other lies above .text, so entries listed b1, a3, a2, a1 are in
# descending address order.
build() {
	{
		cat <<-'EOF'
			.section .text,"ax"
			.globl _start
		_start:
		a1:	movl (%ebx), %eax
		a2:	movl (%ecx), %eax
		a3:	movl (%edx), %eax
			ret
			.section .text.other,"ax"
		b1:	movb (%esi), %al
			ret
			.section .fixup,"ax"
		f1:	jmp a2
		f2:	jmp a3
		f3:	jmp a3
		f4:	ret
			.section .rodata,"a"
		d1:	.long 0
			.section __ex_table,"a"
			.balign 4
		EOF
		cat
	} >"$T/$1.s"
	as --32 -o "$T/$1.o" "$T/$1.s" &&
		ld -m elf_i386 -T "$T/link.ld" -o "$T/$1.elf" "$T/$1.o"
}

cat >"$T/link.ld" <<'EOF'
ENTRY(_start)
SECTIONS {
	. = 0x08049000;
	.text : { *(.text) }
	.text.other : { *(.text.other) }
	.fixup : { *(.fixup) }
	.rodata : { *(.rodata) }
	__ex_table : { *(__ex_table) }
}
EOF

# Section VAR_off and VAR_size (decimal) of section $2 in file $1.
section() {
	# shellcheck disable=SC2046 # split the header line into its fields
	set -- $(readelf -SW "$1" | sed -n "s/^ *\[ *[0-9]*\] $2 / /p")
	[ $# -ge 4 ] || return 1
	sec_off=$((0x$3)) sec_size=$((0x$4))
}

# Entries of the __ex_table of $1 as "insn fixup handler" decimal lines.
entries() {
	section "$1" __ex_table && od -An -v -tu4 -w12 -j "$sec_off" -N "$sec_size" "$1" |
		awk 'NF == 3 { print $1, $2, $3 }'
}

# put32 FILE OFFSET VALUE: overwrite a little-endian word in place.
put32() {
	v=$3 i=0
	while [ $i -lt 4 ]; do
		printf '%b' "\\0$(printf %03o $((v & 255)))" |
			dd of="$1" bs=1 seek=$(($2 + i)) conv=notrunc 2>/dev/null
		v=$((v >> 8)) i=$((i + 1))
	done
}
get32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }

build unsorted <<'EOF'
	.long b1, f4, 1
	.long a3, f3, 0
	.long a2, f2, 0
	.long a1, f1, 0
EOF
cp "$T/unsorted.elf" "$T/pristine.elf"

run c1 --check "$T/unsorted.elf"
rejected c1 && grep -q 'entry 1 (insn 0x' "$T/c1.err" && cmp -s "$T/unsorted.elf" "$T/pristine.elf"
result $? "--check rejects the unsorted table, names entry 1, leaves the file alone"

cp "$T/pristine.elf" "$T/sorted.elf"
run s1 "$T/sorted.elf"
[ "$rc" = 0 ] && grep -qx "sortextable: $T/sorted.elf: 4 entries sorted" "$T/s1.out" && [ ! -s "$T/s1.err" ]
result $? "sorting exits 0 and reports 4 entries"

run c2 --check "$T/sorted.elf"
[ "$rc" = 0 ] && grep -qx "sortextable: $T/sorted.elf: 4 entries ok" "$T/c2.out"
result $? "--check accepts the sorted table"

entries "$T/sorted.elf" >"$T/after" && [ "$(wc -l <"$T/after")" = 4 ] &&
	awk 'NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { exit bad }' "$T/after"
result $? "od shows the insn column strictly ascending"

entries "$T/pristine.elf" | sort -n -k1,1 >"$T/want" && cmp -s "$T/want" "$T/after"
result $? "sorted table holds the original triples, whole"

section "$T/sorted.elf" __ex_table && ! cmp -s "$T/pristine.elf" "$T/sorted.elf" &&
	cmp -l "$T/pristine.elf" "$T/sorted.elf" |
	awk -v lo="$sec_off" -v hi=$((sec_off + sec_size)) '$1 - 1 < lo || $1 - 1 >= hi { bad = 1 } END { exit bad }'
result $? "no byte outside __ex_table changed"

cp "$T/sorted.elf" "$T/resorted.elf"
run s2 "$T/resorted.elf"
[ "$rc" = 0 ] && cmp -s "$T/sorted.elf" "$T/resorted.elf"
result $? "sorting a sorted file changes nothing"

build empty </dev/null && run c3 --check "$T/empty.elf" && grep -q ': 0 entries ok$' "$T/c3.out" &&
	run s3 "$T/empty.elf" && grep -q ': 0 entries sorted$' "$T/s3.out"
result $? "an empty __ex_table is ok with 0 entries"

as --32 -o "$T/plain.o" /dev/null &&
	ld -m elf_i386 -e 0 -o "$T/plain.elf" "$T/plain.o" 2>/dev/null &&
	run c4 --check "$T/plain.elf" && grep -q ': 0 entries ok$' "$T/c4.out"
result $? "a file without __ex_table is ok with 0 entries"

build badfix <<'EOF'
	.long a1, a2, 0
EOF
run c5 --check "$T/badfix.elf"
rejected c5 && grep -q 'entry 0 (insn 0x.*not in .fixup' "$T/c5.err"
result $? "a fixup inside .text is rejected"

build badinsn <<'EOF'
	.long a1, f1, 0
	.long d1, f2, 0
EOF
run c6 --check "$T/badinsn.elf"
rejected c6 && grep -q 'entry 1 (insn 0x.*not in an executable section' "$T/c6.err"
result $? "an insn in .rodata is rejected"

build badhandler <<'EOF'
	.long a1, f1, 2
EOF
run c7 --check "$T/badhandler.elf"
rejected c7 && grep -q 'entry 0 (insn 0x.*unknown handler 2' "$T/c7.err"
result $? "handler EX_HANDLER_MAX is rejected"

build dup <<'EOF'
	.long a2, f2, 0
	.long a1, f1, 0
	.long a2, f3, 0
EOF
cp "$T/dup.elf" "$T/dup0.elf"
run s4 "$T/dup.elf"
rejected s4 && grep -q 'entry 2 (insn 0x' "$T/s4.err" && cmp -s "$T/dup.elf" "$T/dup0.elf"
result $? "a duplicate insn fails the sort and the file is not written"

build ragged <<'EOF'
	.long a1, f1, 0
	.long a2, f2
EOF
run c8 --check "$T/ragged.elf"
rejected c8 && grep -q 'not a multiple of 12' "$T/c8.err"
result $? "a table of 20 bytes is rejected"

LC_ALL=C awk 'BEGIN { x = 12345; for (i = 0; i < 4096; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", 1 + int(x / 65536) % 255 } }' \
	</dev/null >"$T/noise"
run c9 --check "$T/noise"
rejected c9
result $? "random bytes: exit 1, one line"

{ printf '\177ELF\001\001\001'; cat "$T/noise"; } >"$T/elfnoise"
run c10 --check "$T/elfnoise"
rejected c10
result $? "ELF32 magic followed by random bytes: exit 1, one line"

: >"$T/zero" && run c11 --check "$T/zero"
rejected c11
result $? "an empty file: exit 1, one line"

head -c 300 "$T/pristine.elf" >"$T/trunc.elf" && cp "$T/trunc.elf" "$T/trunc0.elf"
run c12 --check "$T/trunc.elf"
rejected c12 && run s5 "$T/trunc.elf" && rejected s5 && cmp -s "$T/trunc.elf" "$T/trunc0.elf"
result $? "a truncated file: exit 1 in both modes, file unchanged"

as --64 -o "$T/x64.o" /dev/null && ld -m elf_x86_64 -e 0 -o "$T/x64.elf" "$T/x64.o" 2>/dev/null
run c13 --check "$T/x64.elf"
rejected c13 && grep -q 'not an ELF32 file' "$T/c13.err"
result $? "an ELF64 file is rejected"

cp "$T/pristine.elf" "$T/outside.elf"
shoff=$(get32 "$T/outside.elf" 32)
idx=$(readelf -SW "$T/outside.elf" | sed -n 's/^ *\[ *\([0-9]*\)\] __ex_table .*/\1/p')
put32 "$T/outside.elf" $((shoff + idx * 40 + 16)) 4294967040
run c14 --check "$T/outside.elf"
[ "$(get32 "$T/outside.elf" $((shoff + idx * 40 + 16)))" = 4294967040 ] && rejected c14 && grep -q "section $idx outside the file" "$T/c14.err"
result $? "a section beyond the end of the file is rejected"

cp "$T/pristine.elf" "$T/shoff.elf"
put32 "$T/shoff.elf" 32 $((shoff + 4096))
run c15 --check "$T/shoff.elf"
rejected c15
result $? "section headers beyond the end of the file are rejected"

# Every byte of the ELF header and of the section headers that matter most
# (.fixup, __ex_table, the name table) set to 0xff in turn: sortextable may
# accept or reject, but must exit 0 or 1 with at most one line, never crash.
fixidx=$(readelf -SW "$T/pristine.elf" | sed -n 's/^ *\[ *\([0-9]*\)\] \.fixup .*/\1/p')
stridx=$(od -An -tu2 -j 50 -N2 "$T/pristine.elf" | tr -d ' ')
offsets=$(seq 0 51)
for i in "$fixidx" "$idx" "$stridx"; do
	offsets="$offsets $(seq $((shoff + i * 40)) $((shoff + i * 40 + 39)))"
done
bad=0
for off in $offsets; do
	cp "$T/pristine.elf" "$T/flip.elf"
	printf '\377' | dd of="$T/flip.elf" bs=1 seek="$off" conv=notrunc 2>/dev/null
	for mode in --check sort; do
		if [ $mode = sort ]; then run f "$T/flip.elf"; else run f --check "$T/flip.elf"; fi
		if [ "$rc" != 0 ] && ! rejected f; then
			bad=1
			echo "# byte $off = 0xff, $mode: exit $rc: $(head -c 200 "$T/f.err")"
		fi
	done
done
result $bad "0xff at any header byte: exit 0, or exit 1 with one line"

run c16 --check "$T/does-not-exist"
rejected c16
result $? "a missing file: exit 1, one line"

run u1 --check
[ "$rc" = 2 ] && grep -q usage "$T/u1.err"
result $? "no file: usage, exit 2"

if [ -f "$B/guest/kernel.elf" ]; then
	run k --check "$B/guest/kernel.elf"
	[ "$rc" = 0 ] && grep -q ' entries ok$' "$T/k.out"
	result $? "the kernel's __ex_table passes --check"
else
	n=$((n + 1))
	echo "ok $n # SKIP no kernel built"
fi
exit 0
