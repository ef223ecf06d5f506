#!/bin/bash
# tutor.sh: guided mode, scripted (nstutor -f) on a small lesson of its
# own (tests/tutor/mini.lesson, found with --lessons): the setup runs
# quietly, steps complete as commands are typed, a mistake gets the hint
# its state calls for, show/run/back/next/skip/check, progress saved and
# resumed by the next nstutor, a step done by the real ip between two
# nstutor commands counts, a ping check completes a step, and a failing
# setup says which line.
. "${top_srcdir:-.}/tests/lib.sh"

export XDG_STATE_HOME="$TEST_TMP/state"
mkdir -p "$TEST_TMP/lessons"
cp "$top_srcdir/tests/tutor/mini.lesson" "$TEST_TMP/lessons/"
progress="$XDG_STATE_HOME/nstutor/progress"

# tutor LINES (stdin): nstutor -k -f with the test's lessons; stdout and
# stderr together.
tutor() {
	cat >"$TEST_TMP/t.nst"
	nstutor_ --lessons "$TEST_TMP/lessons" -k -f "$TEST_TMP/t.nst" 2>&1
}

# follows TEXT DESCRIPTION REGEX...: lines matching each ERE appear in
# TEXT in that order.
follows() {
	local text=$1 desc=$2
	shift 2
	if printf '%s\n' "$text" | PATS="$(printf '%s\034' "$@")" awk -v n=$# '
		BEGIN { split(ENVIRON["PATS"], p, "\034"); i = 1 }
		i <= n && $0 ~ p[i] { i++ }
		END { exit !(i > n) }'; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		printf '%s\n' "$text" | sed 's/^/#   got: /' | head -40
		printf '#   wanted in order: /%s/\n' "$@"
	fi
}

# --- lessons, before any -----------------------------------------------------
out=$(echo lessons | tutor)
like "$out" 'mini +not started +Two namespaces and a veth pair' \
	"lessons: mini, not started, with its title"

# --- the first session --------------------------------------------------------
out=$(tutor <<'NST'
lesson mini
ip netns add blue
hint
show
ip netns add BLUE
show
run
back
check
NST
)
diag "$out"
ip netns list | grep -q '^RED'
ok $? "lesson mini ran its setup (the real ip sees RED)"
! grep -q 'created namespace RED' <<<"$out"
ok $? "the setup ran quietly"
follows "$out" "the first step: [1/5], a bar, its title and text" \
	'^\[1/5\] [■□]+ Make BLUE$' '^Make a second namespace, BLUE\.$'
is "$(grep -c '✓ done: Make BLUE' <<<"$out")" 1 \
	"the step is done once, after ip netns add BLUE (not after blue)"
like "$out" "Hint: Names are case-sensitive: you made blue, the lesson wants BLUE\\." \
	"hint: chosen by the state (blue exists)"
follows "$out" "show: the step's command" '^Try:$' '^  ip netns add BLUE$'
follows "$out" "show: the step's commands, without the stray ' ;' after the last" '^Try:$' \
	'^  ip link add veth0 type veth peer name veth1$' \
	'^  ip link set veth0 netns RED; ip link set veth1 netns BLUE$'
follows "$out" "run: echoes each command, cleanly" \
	'^nstutor> ip link add veth0 type veth peer name veth1$' \
	'^nstutor> ip link set veth0 netns RED; ip link set veth1 netns BLUE$'
ip -n RED -o link show veth0 >/dev/null 2>&1 && ip -n BLUE -o link show veth1 >/dev/null 2>&1
ok $? "run: the commands ran (the real ip sees veth0 in RED, veth1 in BLUE)"
like "$out" '✓ done: Join them with a veth pair' "run: the step is done"
follows "$out" "back: from step 3 to step 2" \
	'^\[3/5\] [■□]+ Give them addresses$' '^\[2/5\] [■□]+ Join them with a veth pair$'
like "$out" 'You did this step already' "back: a step done says so"
is "$(grep '^\[2/5\]' <<<"$out" | sort -u)" "[2/5] ■■□□□□□□□□ Join them with a veth pair" \
	"back: the bar shows step 2's fill, as when step 2 was reached"
follows "$out" "check: every step up to the current one" \
	'^✓ \[1/5\] Make BLUE$' '^✓ \[2/5\] Join them with a veth pair$'
like "$(cat "$progress")" '^mini veth blue:d,veth:d [0-9]+:[0-9]+$' \
	"progress saved: at step veth, blue and veth done"

# --- the second session: resumed ---------------------------------------------
out=$(tutor <<'NST'
lesson mini
next
ip -n RED addr add 10.0.0.1/24 dev veth0
next
hint
NST
)
diag "$out"
like "$out" 'Going on where you left off' "lesson mini: resumed"
like "$out" '\[2/5\] [■□]+ Join them' "resumed at the saved step"
like "$out" '\[3/5\] [■□]+ Give them addresses' "next: a done step goes on"
! grep -q '✓ done: Give them addresses' <<<"$out"
ok $? "half the addresses: the step is not done"
like "$out" 'This step is not done yet: .*(10\.0\.0\.2|veth1)' \
	"next refuses, saying what is missing"
follows "$out" "hint: the failing check's words and the fallback hint" \
	'^Not yet: .*(10\.0\.0\.2|veth1)' '^Hint: Use "ip -n NS addr add CIDR dev DEV"\.$'

# --- the real ip, between two nstutor commands --------------------------------
ip -n BLUE addr add 10.0.0.2/24 dev veth1
out=$(tutor <<'NST'
lesson mini
ip netns list
ip -n RED link set veth0 up
hint
ip -n BLUE link set veth1 up
skip
lessons
NST
)
diag "$out"
like "$out" '✓ done: Give them addresses' \
	"a step done by the real ip counts after the next command"
like "$out" "Hint: BLUE's end is still down: ip -n BLUE link set veth1 up" \
	"hint: chosen by the state (BLUE's end down)"
is "$(grep -c '✓ done: Bring them up and ping' <<<"$out")" 1 \
	"the ping check completes the step once both ends are up"
like "$out" 'Skipped: Look at the ARP table' "skip: always moves on"
like "$out" 'Well done: you reached the end of the lesson.' "the end"
like "$out" 'nstutor --check mini' "the end suggests --check"
like "$out" 'mini +done +Two namespaces' "lessons: mini is done"
like "$(cat "$progress")" '^mini - blue:d,veth:d,addr:d,up:d,arp:s [0-9]+:[0-9]+$' \
	"progress: finished, the last step skipped"

# --- starting again: the setup fails, and says where ---------------------------
out=$(echo 'lesson mini' | tutor)
status=$?
ok $((!status)) "lesson mini again, with RED there already: it fails"
like "$out" 'the setup of lesson mini failed at line 1: ip netns add RED' \
	"the failed setup says which line"
like "$out" 'File exists' "and why (the command's own error)"

# --- Korean: messages from po/ko.po, lesson text from .ko ----------------
mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
ok $? "po/ko.po compiles"
out=$(echo lessons | NSTUTOR_LOCALEDIR="$TEST_TMP/locale" nstutor_ --lang=ko \
	--lessons "$TEST_TMP/lessons" -c lessons 2>&1)
like "$out" 'mini +완료 +두 네임스페이스와 veth 쌍' \
	"--lang=ko: lessons in Korean, the title from title.ko"

done_testing
