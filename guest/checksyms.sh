#!/bin/sh
# checksyms.sh KERNEL.elf: fail unless the kernel defines every symbol of the
# tracer's contract (guest/include/uapi/fl_trace.h), so that renaming one of
# them breaks the build, not tracing.
set -eu
elf=$1
hdr=$(dirname "$0")/include/uapi/fl_trace.h
want=$(sed -n 's/^#define FL_SYM_[A-Z_]* *"\([a-z_0-9]*\)".*/\1/p' "$hdr")
stubs=$(i=0; while [ $i -lt 32 ]; do echo "trap_entry_$i"; i=$((i + 1)); done)
have=$(nm "$elf" | awk '$2 ~ /^[TtDdBbRr]$/ { print $3 }')
missing=""
for s in $want $stubs; do
	printf '%s\n' "$have" | grep -qx -- "$s" || missing="$missing $s"
done
if [ -n "$missing" ]; then
	echo "$elf: the tracer's contract (fl_trace.h) names symbols the kernel lacks:$missing" >&2
	exit 1
fi
