#!/bin/bash
# valgrind.sh: a whole scripted session under valgrind's memcheck, with
# no error and no leak: the bridge lesson's solution typed in, captures
# of its ping (timeline, ladder, pcapng), the firewall, the topology,
# a lesson in guided mode, and --check grading the result.
. "$(dirname "$0")/lib.sh"
need_tools valgrind ip tcpdump jq

# Under AddressSanitizer valgrind cannot run (the ASan build has its own
# leak check); that build's run of this file has nothing to add.
if ldd "$NSTUTOR" 2>/dev/null | grep -q libasan ||
	nm "$NSTUTOR" 2>/dev/null | grep -q __asan_init; then
	echo "1..0 # SKIP nstutor is built with AddressSanitizer (checked by its own run)"
	exit 0
fi

# vg NAME ARGS...: nstutor ARGS under memcheck; its report in NAME.vg.
vg() {
	local name=$1
	shift
	valgrind --quiet --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--track-fds=no --num-callers=30 --log-file="$TEST_TMP/$name.vg" \
		"$NSTUTOR" --world=host "$@"
}

# clean NAME STATUS WANT: STATUS is what nstutor should leave with, and
# memcheck said nothing.
clean() {
	is "$2" "$3" "$1: nstutor's exit status under valgrind"
	is "$(grep -v '^==[0-9]*== *$' "$TEST_TMP/$1.vg")" "" "$1: memcheck reports no error and no leak"
}

session=$TEST_TMP/session.nst
{
	echo "capture on"
	cat "$top_srcdir/lessons/bridge.solution"
	echo "capture ladder"
	echo "capture save $TEST_TMP/ping.pcapng"
	echo "explain"
	echo "ip -br addr show dev br0"
	echo "ip neigh"
	echo "iptables -N NAVY"
	echo "iptables -A FORWARD -j NAVY"
	echo "iptables -A NAVY -s 11.11.11.0/24 -j ACCEPT"
	echo "iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80"
	echo "iptables -S"
	echo "iptables -t nat -L -n -v"
	echo "ip netns exec BLUE tcpdump -c 2 -n -i beth0 icmp"
	echo "ip netns exec RED ping -c 2 11.11.11.3"
	echo "topology --utf8"
	echo "topology --json"
	echo "topology --dot"
	echo "ip link add 0123456789abcdefg type veth"
	echo "ip addr add 11.11.11.9/33 dev br0"
	echo "iptables -A FORWRD -j ACCEPT"
} >"$session"
out=$(vg session -k --plain -f "$session" 2>&1)
clean session $? 1
like "$out" "1 packets transmitted, 1 received" "session: the lab's ping went through"
requests=$(tcpdump -r "$TEST_TMP/ping.pcapng" -n 2>/dev/null | grep -c 'ICMP echo request')
replies=$(tcpdump -r "$TEST_TMP/ping.pcapng" -n 2>/dev/null | grep -c 'ICMP echo reply')
ok $([ "$requests" -ge 3 ] && [ "$requests" = "$replies" ]; echo $?) \
	"session: the saved capture holds the echo and its reply, each at every place ($requests, $replies)"
is "$(ip -j link show br0 | jq -r '.[0].operstate')" "UP" "session: br0 is up in the kernel"

# the checks, read-only, as a classroom grades
json=$(vg check-bridge --check bridge --format=json 2>&1)
clean check-bridge $? 0
is "$(jq -r '"\(.passed)/\(.total)"' <<<"$json")" "$(jq -r '"\(.total)/\(.total)"' <<<"$json")" \
	"--check bridge: every step passes"
out=$(vg check-all --check all --format=tap 2>&1)
clean check-all $? 1

# guided mode: the lesson, a hint, run, check, from a script, in a
# world made empty again
world_reset
guided=$TEST_TMP/guided.nst
printf '%s\n' "lesson veth" "hint" "run" "run" "check" "show" "skip" "lessons" >"$guided"
XDG_STATE_HOME=$TEST_TMP/state vg guided -k --plain -f "$guided" >/dev/null 2>&1
clean guided $? 0

# a sandbox of its own is another path (keeper, setns): opened and ended
NSTUTOR_RUNTIME_DIR=$TEST_TMP/sb valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect,possible --log-file="$TEST_TMP/sandbox.vg" \
	"$NSTUTOR" --plain -c 'ip netns add RED' -c 'ip netns list' >/dev/null 2>&1
clean sandbox $? 0
NSTUTOR_RUNTIME_DIR=$TEST_TMP/sb "$NSTUTOR" world stop >/dev/null 2>&1

done_testing
