#!/bin/sh
# /dev/kvm missing or inaccessible: a one-line error and a distinct exit code.
# Hiding the device needs a private mount namespace (root); dropping access
# needs a second user (setpriv).
. "$(dirname "$0")/tap.inc"
# The second user must be able to write its database.
chmod 755 "$out"
mkdir -m 777 "$out/pub"
export FAULTLINE_DB="$out/pub/kvmdev.db"

if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
	unshare -m sh -c 'mount -t tmpfs none /dev && exec "$0" run --accel kvm --scenario boot' "$FL" \
		>"$out/stdout" 2>"$out/stderr"
	rc=$?
	ok "$(is $rc 3)" "missing /dev/kvm exits 3"
	ok "$(has 'cannot open /dev/kvm' stderr)" "the message names /dev/kvm"
	ok "$(has 'not available on this machine' stderr)" "the message says why"
	test "$(wc -l < "$out/stderr")" -eq 1
	ok $? "one line"
else
	skip "missing /dev/kvm" "needs root and unshare"
fi

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && [ -e /dev/kvm ]; then
	FAULTLINE_DB="$out/pub/nobody.db" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$FL" run --accel kvm --scenario boot \
		>"$out/stdout" 2>"$out/stderr"
	rc=$?
	ok "$(is $rc 4)" "/dev/kvm without permission exits 4"
	ok "$(has 'kvm group' stderr)" "the message says how to get access"
else
	skip "/dev/kvm permissions" "needs root, setpriv and /dev/kvm"
fi
done_testing
