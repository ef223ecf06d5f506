#!/bin/bash
# lessons.sh: the six shipped lessons are well formed (read here against
# lessons/README.md, independently of nstutor's parser: known keys, an id
# and a check for every step, Korean beside every English text, solutions
# made of the lesson's own try: lines), nstutor loads every one of them
# without a warning, and --check grades each (and "all") on an empty world
# as failing every step, in JSON (jq) and TAP (TAP::Parser).
. "${top_srcdir:-.}/tests/lib.sh"

need_tools jq perl
perl -MTAP::Parser -e 1 2>/dev/null || { echo "1..0 # SKIP no TAP::Parser (perl)"; exit 0; }

L=${NSTUTOR_LESSONS:-$top_srcdir/lessons}
export NSTUTOR_LESSONS=$L
LESSONS="host-veth veth bridge forward masquerade port-forward"

# lint FILE: what is wrong with the lesson, one line each (nothing: fine).
lint() {
	awk -v file="$1" -v name="$(basename "$1" .lesson)" '
	function err(msg) { printf "%s:%d: %s\n", file, NR, msg }
	function need_ko(k) { if (pending != "") err(pending " has no " pending ".ko"); pending = k }
	function end_step() {
		if (step != "" && checks == 0) err("step " step " has no check:")
		if (step != "" && (!has["title"] || !has["title.ko"])) err("step " step " lacks a title or title.ko")
	}
	/^#/ || /^[ \t]*$/ { next }
	!/^[a-z.]+: / { err("not a key: value line"); next }
	{
		key = $0; sub(/:.*/, "", key); val = $0; sub(/^[^:]*: */, "", val)
		n++
	}
	n == 1 && (key != "lesson" || val != name) { err("the first field must be lesson: " name) }
	key ~ /\.ko$/ {
		base = key; sub(/\.ko$/, "", base)
		if (pending != base && last != key) err(key " without its " base ":")
		# Korean, or (a bare command) words of the English text
		if (val !~ /[\200-\377]/ && index(entext, val) == 0) err(key " is not Korean")
		pending = ""; last = key; has[key] = 1; next
	}
	key == "text" || key == "about" || key == "title" || key == "hint" {
		if (last == key) { entext = entext " " val; next }	# one more line
		need_ko(key); last = key; has[key] = 1; entext = val; next
	}
	{ need_ko(""); last = key }
	key == "lesson" || key == "source" || key == "setup" { if (step != "" && key != "setup") err(key " inside a step"); if (key == "setup" && step != "") err("setup: inside a step"); next }
	key == "step" {
		end_step()
		if (val !~ /^[A-Za-z0-9-]+$/) err("bad step id " val)
		if (val in ids) err("duplicate step id " val)
		ids[val] = 1; step = val; checks = 0; delete has; next
	}
	key == "try" { next }
	key == "check" || key == "moment" || key == "when" {
		kind = val; sub(/^!/, "", kind); sub(/ .*/, "", kind)
		if (kind !~ /^(netns|link|addr|route|neigh|fdb|sysctl|policy|rule|ping|noping|http)$/)
			err("unknown check kind " kind)
		if (key == "check") checks++
		next
	}
	{ err("unknown key " key) }
	END { need_ko(""); end_step(); if (step == "") err("no step") }
	' "$1"
}

for l in $LESSONS; do
	f=$L/$l.lesson
	[ -f "$f" ]
	ok $? "$l: lessons/$l.lesson exists"
	is "$(lint "$f")" "" "$l: well formed, with Korean beside every text"
	[ -f "$L/$l.solution" ] && [ -f "$L/$l.solution-real" ]
	ok $? "$l: it ships $l.solution (and $l.solution-real for the tests)"
	missing=$(grep -v '^#' "$L/$l.solution" | while IFS= read -r line; do
		grep -qxF "try: $line" "$f" || echo "$line"
	done)
	is "$missing" "" "$l: every line of $l.solution is one of its try: lines"
done

# nstutor loads them: --check grades (1), it does not refuse (2), and
# says nothing on stderr (a missing Korean text would warn).
for l in $LESSONS; do
	nstutor_ --check "$l" --format=json >"$TEST_TMP/$l.json" 2>"$TEST_TMP/$l.err"
	rc=$?
	is "$rc" 1 "$l: --check on an empty world exits 1"
	is "$(cat "$TEST_TMP/$l.err")" "" "$l: loads without a warning"
	jq -e . "$TEST_TMP/$l.json" >/dev/null 2>&1
	ok $? "$l: --format=json is valid JSON"
	want=$(sed -n 's/^step: *//p' "$L/$l.lesson" | tr '\n' ' ' | sed 's/ $//')
	is "$(jq -r '[.steps[].id] | join(" ")' "$TEST_TMP/$l.json" 2>/dev/null)" "$want" \
		"$l: the JSON lists the file's steps in order"
	is "$(jq -r '[.steps[] | select(.ok != true) | .id] | join(" ")' "$TEST_TMP/$l.json" 2>/dev/null)" \
		"$want" "$l: on an empty world every step fails"
	is "$(jq -r '"\(.ok) \(.passed)"' "$TEST_TMP/$l.json" 2>/dev/null)" "false 0" \
		"$l: ok false, passed 0"
	n=$(printf '%s\n' $want | wc -l)
	is "$(nstutor_ --check "$l" --format=tap 2>/dev/null | perl -MTAP::Parser -e '
		my $p = TAP::Parser->new({ tap => do { local $/; <STDIN> } });
		1 while defined $p->next;
		printf "%s %d %d %d\n", $p->tests_planned // "none", $p->tests_run,
			scalar($p->failed), scalar($p->parse_errors);')" "$n $n $n 0" \
		"$l: TAP: $n planned, $n run, $n failed, no parse error (TAP::Parser)"
done

# --check all: every lesson, on an empty world.
nstutor_ --check all --format=json >"$TEST_TMP/all.json" 2>"$TEST_TMP/all.err"
is "$?" 1 "--check all on an empty world exits 1"
jq -s -e . "$TEST_TMP/all.json" >/dev/null 2>&1
ok $? "--check all --format=json is valid JSON"
for l in $LESSONS; do
	grep -q "\"$l\"" "$TEST_TMP/all.json"
	ok $? "--check all grades $l"
done

done_testing
