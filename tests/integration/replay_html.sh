#!/bin/sh
# The HTML replay in a real browser: the page of a recorded uaccess run with
# three stepped faults, opened headless in Debian's chromium at a step inside
# each milestone, and what its DOM shows there checked against the database
# by replay_dom.py (registers folded by SQL, not by faultline's model). Then
# navigation, driven by replay_keys.py, and a copy of the database with
# hostile text, which must stay text. Screenshots
# (1280x720, the projector) are saved in $out as step-N.png.
. "$(dirname "$0")/tap.inc"

# browser URL PNG: load URL at 1280x720; its DOM after the script ran goes
# to $out/dom, a screenshot to PNG. chromium's own chatter on stderr (D-Bus,
# GPU) is kept aside and decides nothing.
browser() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$out/profile.XXXXXX")" --window-size=1280,720 \
		--dump-dom --screenshot="$2" "$1" >"$out/dom" 2>"$out/chromium.log" &&
		[ -s "$out/dom" ] && [ -s "$2" ]
}

# dom_check DB FAULT STEP: replay_dom.py on $out/dom; its complaints go to stderr.
dom_check() {
	python3 "$(dirname "$0")/replay_dom.py" "$out/dom" "$1" "$run" "$2" "$3" >"$out/check" 2>&1
	c=$?
	sed 's/^/# /' "$out/check" >&2
	return $c
}

# A step inside milestone m of fault f: halfway from its first step to the
# next milestone's (or to the fault's last step), so that the lit box is the
# phase a step is in, not only a milestone's own step.
inside() {
	q "SELECT (a.step_idx + coalesce((SELECT min(step_idx) FROM fault_steps b WHERE
		b.run_id = a.run_id AND b.fault_seq = a.fault_seq AND b.step_idx > a.step_idx AND
		b.milestone IS NOT NULL), (SELECT max(step_idx) + 1 FROM fault_steps c WHERE
		c.run_id = a.run_id AND c.fault_seq = a.fault_seq))) / 2 FROM fault_steps a
		WHERE run_id = $run AND fault_seq = $1 AND milestone = $2 ORDER BY step_idx LIMIT 1"
}

milestones() {
	for m in $(q "SELECT DISTINCT milestone FROM fault_steps WHERE run_id = $run AND
			fault_seq = $fault AND milestone IS NOT NULL ORDER BY 1"); do
		step=$(inside "$fault" "$m")
		browser "file://$out/lesson.html#step=$step" "$out/step-$step.png"
		ok $? "chromium opens the page at fault $fault, step $step (milestone $m)"
		dom_check "$db" "$fault" "$step"
		ok $? "at step $step: box $m lit, the registers, probes, walk and frame the database holds"
	done
}

# The instruction at one step of another fault becomes markup that would run
# a script, its symbol a bidi override and a byte that is not UTF-8.
hostile() {
	evil_fault=$(q "SELECT max(fault_seq) FROM fault_steps WHERE run_id = $run")
	evil_step=$(inside "$evil_fault" 2)
	cp "$db" "$out/evil.db"
	sqlite3 "$out/evil.db" "UPDATE fault_steps SET insn = '</script><img src=x onerror=alert(1)>',
		eip_symbol = 'a' || char(0x202e) || 'b' || CAST(x'ff' AS TEXT) || '<!--'
		WHERE run_id = $run AND fault_seq = $evil_fault AND step_idx = $evil_step"
	fl replay --db "$out/evil.db" --html "$out/evil.html"
	ok "$(is $rc 0)" "replay --html of a database with hostile text exits 0"
	! grep -qiE '</script><img|<!--|<img' "$out/evil.html"
	ok $? "the file holds neither the markup nor a comment opener raw"
	browser "file://$out/evil.html#fault=$evil_fault&step=$evil_step" "$out/evil.png"
	ok $? "chromium opens it at fault $evil_fault, step $evil_step"
	dom_check "$out/evil.db" "$evil_fault" "$evil_step"
	ok $? "the markup is the instruction's text, the override and the bad byte shown as \\u202e and U+FFFD"
}

check_replay_page() {
	db=$out/t.db
	rm -f "$db"
	fl run --accel "$engine" --scenario uaccess --steps=3 --db "$db"
	ok "$(is $rc 0)" "a uaccess run with three stepped faults"
	run=$(q "SELECT max(id) FROM runs")
	# The fault with the most milestones, which the page opens with: the
	# milestones are visited with #step=N alone, the hostile copy with
	# #fault=S&step=N, the selector's form.
	fault=$(q "SELECT fault_seq FROM fault_steps WHERE run_id = $run GROUP BY fault_seq
		ORDER BY count(DISTINCT milestone) DESC, fault_seq LIMIT 1")
	fl replay --db "$db" --fault "$fault" --html "$out/lesson.html"
	ok "$(is "$rc/$(cat "$out/stdout")" "0/Wrote $out/lesson.html")" "replay --html writes the page"
	! grep -qiE 'https?://|//[a-z0-9.-]+\.[a-z]{2,}/|<(link|img|iframe)|@import|url\(' "$out/lesson.html"
	ok $? "the page refers to nothing outside itself: no URL, link, image or import"
	echo "# $(wc -c <"$out/lesson.html") bytes for $(q "SELECT count(DISTINCT fault_seq) FROM
		fault_steps WHERE run_id = $run") stepped faults" >&2
	milestones
	other=$(q "SELECT min(fault_seq) FROM fault_steps WHERE run_id = $run AND fault_seq != $fault")
	python3 "$(dirname "$0")/replay_keys.py" "$out/lesson.html" "$db" "$run" "$fault" "$other" \
		>"$out/check" 2>&1
	ok $? "arrow keys, 1-8, the buttons, a box, the selector and an edited address move the page; the hash follows"
	sed 's/^/# /' "$out/check" >&2
	hostile
}

if command -v chromium >/dev/null; then
	for_engines check_replay_page
else
	skip "the HTML replay in a browser" "chromium is not installed (.ci/deps installs it)"
fi
done_testing
