#!/bin/bash
# tutorial-lines.sh: every command line of the tutorials, typed in order
# in a fresh world, either works or gets a hint naming what to do
# instead; none is answered with "command not found" alone, none hangs
# or crashes nstutor.  The lines are tests/tutorials/lines.txt, which
# tests/tutorials/extract makes from the tutorials (../shared/seeds/
# beside the source tree, or $TUTORIAL_SEEDS): when they are there, the
# list must be current.
. "${top_srcdir:-.}/tests/lib.sh"

lines=$top_srcdir/tests/tutorials/lines.txt
seeds=${TUTORIAL_SEEDS:-$top_srcdir/../shared/seeds}
if [ -d "$seeds" ]; then
	is "$("$top_srcdir/tests/tutorials/extract" "$seeds")" "$(cat "$lines")" \
		"tests/tutorials/lines.txt is what the tutorials in $seeds hold"
else
	diag "no tutorials at $seeds: the committed list is used as it is"
fi

# fresh_world: nothing of the last tutorial left (what nstutor made, and
# then anything else), firewall as the kernel starts it.
fresh_world() {
	nstutor_ reset >/dev/null 2>&1
	world_reset
	iptables-nft -F 2>/dev/null; iptables-nft -X 2>/dev/null
	iptables-nft -t nat -F 2>/dev/null; iptables-nft -t nat -X 2>/dev/null
	iptables-nft -P FORWARD ACCEPT 2>/dev/null
}

generic_hint='Type "help" to see the commands nstutor knows'
n=0 worked=0 hinted=0 tutorial=
entered=()
while IFS=$'\t' read -r where line; do
	if [ "${where%%:*}" != "$tutorial" ]; then
		tutorial=${where%%:*}
		fresh_world
		entered=()
		diag "tutorial $tutorial"
	fi
	n=$((n + 1))
	timeout 60 "${NST_ARGV[@]}" -k "${entered[@]}" -c "$line" \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
	rc=$?
	err=$(cat "$TEST_TMP/err")
	# what nstutor says to do: a hint after an error, or the note that
	# closes a ping's statistics
	hint=$(grep -m1 '^hint: ' "$TEST_TMP/err" | sed 's/^hint: //')
	[ -z "$hint" ] && case "$line" in *ping\ *)
		hint=$(sed -n 's/^# //p' "$TEST_TMP/out" | paste -sd '|' | sed 's/|/ | /g') ;;
	esac
	what="$where ${line//#/\\#}"
	if [ "$rc" -ge 124 ]; then
		ok 1 "$what: nstutor hung or crashed (status $rc)"
	elif grep -q 'command not found' <<<"$err" &&
		{ [ -z "$hint" ] || grep -qF "$generic_hint" <<<"$hint"; }; then
		ok 1 "$what: \"command not found\" alone"
		sed 's/^/#   /' "$TEST_TMP/err"
	elif [ "$rc" = 0 ]; then
		worked=$((worked + 1))
		ok 0 "$what: works"
	elif [ -n "$hint" ]; then
		hinted=$((hinted + 1))
		ok 0 "$what: refused, with a hint: $hint"
	else
		ok 1 "$what: failed (status $rc) with no hint"
		sed 's/^/#   /' "$TEST_TMP/err" | head -5
	fi
	# "nsenter --net=FILE" alone enters the namespace: the tutorial's
	# next lines are typed in that shell, as in one nstutor session
	if [[ $line =~ ^nsenter\ --net=[^\ ]+$ && $rc = 0 ]]; then
		entered=(-c "$line")
	fi
done <"$lines"
diag "$n tutorial lines: $worked worked, $hinted got a hint naming what to do instead"
ok "$([ $((worked + hinted)) = "$n" ]; echo $?)" \
	"all $n lines either work or say what to do instead"
fresh_world
done_testing
