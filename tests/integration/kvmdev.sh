#!/bin/sh
# /dev/kvm missing or inaccessible: --accel kvm gives a one-line error and a
# distinct exit code; --accel auto falls back to QEMU TCG. Hiding the device
# needs a private mount namespace (root); dropping access needs a second user
# (setpriv) and a /dev/kvm to be refused.
. "$(dirname "$0")/tap.inc"
# The second user must be able to write its database.
chmod 755 "$out"
mkdir -m 777 "$out/pub"
export FAULTLINE_DB="$out/pub/kvmdev.db"

# kvm_missing: --accel kvm without /dev/kvm exits 3 with one line.
kvm_missing() {
	without_kvm "$FL" run --accel kvm --scenario boot >"$out/stdout" 2>"$out/stderr"
	rc=$?
	ok "$(is $rc 3)" "missing /dev/kvm exits 3"
	ok "$(has 'cannot open /dev/kvm' stderr)" "the message names /dev/kvm"
	ok "$(has 'not available on this machine' stderr)" "the message says why"
	test "$(wc -l < "$out/stderr")" -eq 1
	ok $? "one line"
}

# auto_falls_back: --accel auto without /dev/kvm runs the guest under TCG,
# says so, and records the engine.
auto_falls_back() {
	db="$out/pub/auto.db"
	without_kvm "$FL" run --scenario boot --db "$db" >"$out/stdout" 2>"$out/stderr"
	rc=$?
	ok "$(is $rc 0)" "auto without /dev/kvm: the boot scenario exits 0"
	ok "$(has 'cannot open /dev/kvm' stderr)" "the fallback says why KVM is unusable"
	ok "$(has 'using QEMU TCG' stderr)" "and that QEMU TCG is used"
	ok "$(is "$(q "select engine || ' ' || status from runs")" "tcg completed")" "the run row: engine tcg, completed"
}

# kvm_forbidden: --accel kvm as a user who may not open /dev/kvm exits 4.
kvm_forbidden() {
	FAULTLINE_DB="$out/pub/nobody.db" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$FL" run --accel kvm --scenario boot \
		>"$out/stdout" 2>"$out/stderr"
	rc=$?
	ok "$(is $rc 4)" "/dev/kvm without permission exits 4"
	ok "$(has 'kvm group' stderr)" "the message says how to get access"
}

if can_unshare; then
	kvm_missing
	auto_falls_back
else
	skip "missing /dev/kvm" "hiding /dev/kvm needs root and unshare"
	skip "auto falls back to QEMU TCG" "hiding /dev/kvm needs root and unshare"
fi

# Refusing access needs an existing /dev/kvm: this is about the device itself.
if [ ! -e /dev/kvm ]; then
	skip "/dev/kvm permissions" "there is no /dev/kvm on this machine to refuse"
elif [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	skip "/dev/kvm permissions" "needs root and setpriv"
elif [ -n "$(find /dev/kvm -perm -o+rw)" ]; then
	skip "/dev/kvm permissions" "/dev/kvm is open to every user here"
else
	kvm_forbidden
fi
done_testing
