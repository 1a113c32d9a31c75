#!/bin/sh
# Layering: only vmm/ knows how a guest is run. KVM (its ioctls,
# <linux/kvm.h>, KVM_ identifiers, vmm's kvm.h) and QEMU's gdb remote protocol
# (gdb.h, qRcmd, gdb_ functions) appear nowhere else; the tracer, viz, the
# guest and the test fixtures see only vm.h. The unit tests and fuzz
# harnesses of vmm's own parts (tests/unit, tests/fuzz) are vmm's and may look
# inside (fuzz_hypercall.c builds a fake engine). Reads the sources, runs
# nothing.
. "$(dirname "$0")/tap.inc"

# sources: every C, header and assembly file outside vmm/, its unit tests and
# fuzz harnesses, and the build tree.
sources() {
	find . \( -path ./vmm -o -path ./tests/unit -o -path ./tests/fuzz -o -path ./.git -o -path "./${B#./}" \) -prune -o \
		-type f \( -name '*.c' -o -name '*.h' -o -name '*.S' \) -print | sort
}

# offenders ERE [EXEMPT]: the lines of those files that match ERE, except in
# the file EXEMPT; printed as TAP comments, status 0 if there are none.
offenders() {
	sources | grep -vxF -- "${2:-/}" | xargs grep -nE -- "$1" >"$out/hits"
	sed 's/^/# /' "$out/hits"
	[ ! -s "$out/hits" ]
}

test -n "$(sources | grep -x ./tracer/session.c)"
ok $? "the scan sees the tracer's sources"

offenders '<linux/kvm\.h>|\bKVM_[A-Z0-9_]|\bioctl *\(.*KVM|include *"kvm\.h"'
ok $? "no KVM ioctl, <linux/kvm.h>, KVM_ identifier or kvm.h outside vmm/"

offenders 'include *["<]([^">]*/)?gdb(_regs)?\.h|qRcmd|\bgdb_[a-z0-9_]+ *\(|\bstruct gdb\b'
ok $? "no gdb remote protocol (gdb.h, qRcmd, gdb_ functions) outside vmm/"

offenders 'include *["<]([^">]*/)?(engine|tcg|qemu|kvm)\.h'
ok $? "no engine header (engine.h, kvm.h, tcg.h, qemu.h) outside vmm/"
# viz/ sits below the tracer: the tracer uses viz (the terminal sanitizer,
# the replay), never the reverse, so every header viz includes by name is
# one of viz's own.
for f in viz/*.c viz/*.h; do
	sed -n 's/^#include "\(.*\)".*/\1/p' "$f" | while read -r h; do
		[ -e "viz/$h" ] || echo "# $f includes $h, not a viz/ header"
	done
done >"$out/viz"
cat "$out/viz"
ok "$([ ! -s "$out/viz" ]; echo $?)" "viz/ includes no tracer/ (or other) header"
done_testing
