#!/bin/sh
# kallsyms.sh [KERNEL.elf] > kallsyms.S: the kernel's text symbols, sorted, as
# the tables guest/kernel/ksyms.c searches. With no symbols (first link) the
# tables are empty.
set -eu
{ if [ $# -gt 0 ]; then nm -n "$1"; fi; } | awk '
	BEGIN { n = 0 }
	$2 ~ /^[tT]$/ && $3 !~ /^\./ { addr[n] = $1; name[n] = $3; n++ }
	END {
		print "\t.section .kallsyms, \"a\""
		print "\t.globl kallsyms_num, kallsyms_addrs, kallsyms_names"
		print "\t.balign 4"
		print "kallsyms_num:\t.long " n
		print "kallsyms_addrs:"
		for (i = 0; i < n; i++) print "\t.long 0x" addr[i]
		print "kallsyms_names:"
		for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
		print "\t.section .note.GNU-stack, \"\", @progbits"
	}'
