#!/bin/bash
# netns.sh: ip netns add/list/delete/exec/identify/pids, compared with the
# real ip on the same world in both directions; native and external exec;
# bad input with iproute2's messages and the world left as it was.
. "${top_srcdir:-.}/tests/lib.sh"

# --- add and list, both ways ----------------------------------------------
nst -c 'ip netns add RED'
ok $? "nstutor: ip netns add RED"
like "$(ip netns list)" '^RED$' "the real ip netns list sees RED"
ip netns exec RED true
ok $? "the real ip netns exec can use it"
is "$(ip netns exec RED stat -L -c %i /proc/self/ns/net)" \
	"$(stat -L -c %i /run/netns/RED)" \
	"the real ip enters the namespace nstutor bound"

ip netns add BLUE
is "$(nst -c 'ip netns list')" "$(ip netns list)" \
	"nstutor lists what the real ip made, in the same order"
is "$(nst -c 'ip netns')" "$(ip netns list)" "bare ip netns lists"
is "$(nst -c 'ip netns show')" "$(ip netns list)" "ip netns show lists"
is "$(nst -c 'ip netns s')" "$(ip netns list)" "ip netns s lists (as iproute2)"
is "$(nst -c 'ip netns l')" "$(ip netns list)" "ip netns l lists"

# nsids: a veth between the two makes RED give BLUE an id, and the host
# give both one when it made the pair.
ip link add xr netns RED type veth peer name xb netns BLUE
ip netns set RED 7
is "$(nst -c 'ip netns list')" "$(ip netns list)" \
	"ids as iproute2 prints them, seen from the host"
like "$(nst -c 'ip netns list')" 'RED \(id: 7\)' "RED (id: 7) is listed"
is "$(nst -c 'ip netns exec RED ip netns list')" \
	"$(ip netns exec RED ip netns list)" "and seen from RED"
is "$(nst -c 'ip -n BLUE netns list')" "$(ip -n BLUE netns list)" \
	"and with ip -n BLUE"

# --- native exec -----------------------------------------------------------
red_links=$(ip -n RED -j link show | jq -r '.[].ifname' | sort | tr '\n' ' ')
got=$(nst -c 'ip netns exec RED ip -br link' | awk '{print $1}' |
	sed 's/@.*//' | sort | tr '\n' ' ')
is "$got" "$red_links" "ip netns exec RED ip -br link shows RED's links"
out=$(nst -c 'ip netns exec RED ip link')
like "$out" 'xr' "ip netns exec RED ip link shows xr"
! printf '%s' "$out" | grep -q xb
ok $? "and not BLUE's xb"
nst -c 'ip netns exec RED ip link set xr up'
is "$(ip -n RED -j link show xr | jq -r '.[0].flags | index("UP") != null')" \
	true "ip netns exec RED ip link set xr up acts in RED"
nst -c 'ip netns e BLUE ip l s xb up'
is "$(ip -n BLUE -j link show xb | jq -r '.[0].flags | index("UP") != null')" \
	true "abbreviated: ip netns e BLUE ip l s xb up"
execs=$(strace -f -qq -e trace=execve "$NSTUTOR" --world=host --plain \
	-c 'ip netns exec RED ip link' 2>&1 >/dev/null | grep -c 'execve(')
is "$execs" 1 "native exec starts no program (one execve: nstutor)"
is "$(nst -c 'ip netns exec RED ip netns identify')" RED \
	"native exec: ip netns identify inside RED says RED"

# --- external exec ---------------------------------------------------------
is "$(nst -c 'ip netns exec RED readlink /proc/self/ns/net')" \
	"$(ip netns exec RED readlink /proc/self/ns/net)" \
	"an external program runs in RED's network namespace"
sys_before=$(ls /sys/class/net)
is "$(nst -c 'ip netns exec RED ls /sys/class/net')" \
	"$(ip netns exec RED ls /sys/class/net)" \
	"with a /sys of RED's own (as the real ip netns exec)"
is "$(ls /sys/class/net)" "$sys_before" "nstutor's own /sys is untouched"
is "$(nst -c 'ip netns exec RED cat /proc/net/dev' | cut -d: -f1 | sort)" \
	"$(ip netns exec RED cat /proc/net/dev | cut -d: -f1 | sort)" \
	"ip netns exec RED cat /proc/net/dev lists RED's devices"
is "$(nst -c 'ip netns exec RED /usr/sbin/ip -br link')" \
	"$(ip netns exec RED ip -br link)" "a path runs the real program"
nst -c 'ip netns exec RED /bin/true'
is $? 0 "/bin/true: exit status 0"
nst -c 'ip netns exec RED /bin/false'
is $? 1 "/bin/false: exit status 1"
nst -c "ip netns exec RED sh -c 'exit 7'"
is $? 1 "exit 7: nstutor's status is 1"
out=$("$NSTUTOR" --world=host -c 'ip netns exec RED /bin/false')
like "$out" '^# /bin/false exited with status 1' \
	"without --plain, a note says so"
is "$(nst -c 'ip netns exec RED sh -c "echo \$0 \$1" a b')" "a b" \
	"arguments reach the program as typed"
is "$(nst -c 'ip netns exec RED ip netns exec BLUE readlink /proc/self/ns/net')" \
	"$(ip netns exec BLUE readlink /proc/self/ns/net)" \
	"nested: ip netns exec RED ip netns exec BLUE PROGRAM runs in BLUE"
is "$(echo hello | nst -c 'ip netns exec RED cat')" hello \
	"the program reads nstutor's standard input"
is "$(nst -c 'ip netns exec RED echo one; ip netns exec BLUE echo two')" \
	"one
two" "output comes in order"

# --- identify and pids -----------------------------------------------------
is "$(nst -c 'ip netns identify')" "$(ip netns identify)" \
	"ip netns identify in the host: as iproute2 (an empty line)"
ip netns exec BLUE sleep 30 &
sleeper=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	[ "$(ip netns identify $sleeper)" = BLUE ] && break
	sleep 0.1
done
is "$(nst -c "ip netns identify $sleeper")" "$(ip netns identify $sleeper)" \
	"ip netns identify PID: as iproute2"
is "$(nst -c "ip netns identify $sleeper")" BLUE "and it is BLUE"
is "$(nst -c 'ip netns pids BLUE')" "$(ip netns pids BLUE)" \
	"ip netns pids BLUE: as iproute2"
like "$(nst -c 'ip netns pids BLUE')" "^$sleeper\$" "and it is the sleeper"
kill $sleeper 2>/dev/null
wait $sleeper 2>/dev/null
is "$(printf 'enter RED\nip netns identify\n' | nst)" RED \
	"after enter RED, ip netns identify says RED"

# --- the real ip makes, nstutor deletes, and the other way round -----------
ip netns add GREEN
ip -n GREEN link add g0 type veth peer name g1
nst -c 'ip netns del GREEN'
ok $? "nstutor deletes a namespace the real ip made"
! ip netns list | grep -q GREEN
ok $? "the real ip no longer lists it"
nst -c 'ip netns add GREEN'
ip netns del GREEN
ok $? "the real ip deletes one nstutor made"
! nst -c 'ip netns list' | grep -q GREEN
ok $? "nstutor no longer lists it"
out=$(nst -c 'ip netns add GREEN;
	ip netns exec GREEN ip link add g0 type veth peer name g1;
	ip netns d GREEN; ip netns add GREEN; ip netns exec GREEN ip -br link')
ok $? "delete and add again in one session"
! printf '%s' "$out" | grep -q g0
ok $? "and the new GREEN is a fresh namespace (no g0 from the old one)"
ip netns del GREEN
tmp_lines='ip netns add TMP\nenter TMP\nip netns del TMP\nip netns identify\n'
out=$(printf "$tmp_lines" | "$NSTUTOR" --world=host 2>&1)
like "$out" 'TMP is gone' "deleting the entered namespace says so"
is "$(printf "$tmp_lines" | nst 2>&1)" "" \
	"and goes back to the host"

# --- refused verbs ---------------------------------------------------------
for verb in 'set RED 3' 'attach X 1' 'monitor' 'list-id'; do
	nst -c "ip netns $verb" >/dev/null 2>&1
	is $? 1 "ip netns $verb is refused"
done

# --- bad input: iproute2's words, status 1, a hint, nothing changed --------
long=$(printf 'x%.0s' $(seq 300))
bad() {
	local cmd=$1 before after rc want
	before=$(world_state)
	nst -c "$cmd" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	"$NSTUTOR" --world=host -c "$cmd" >/dev/null 2>"$TEST_TMP/err-hint"
	after=$(world_state)
	# shellcheck disable=SC2086
	want=$(eval "$cmd" 2>&1 >/dev/null)
	is "$rc" 1 "${cmd:0:50}: exit status 1"
	is "$(cat "$TEST_TMP/err")" "$want" "${cmd:0:50}: iproute2's message"
	grep -q '^hint: ' "$TEST_TMP/err-hint"
	ok $? "${cmd:0:50}: a hint follows"
	is "$after" "$before" "${cmd:0:50}: the world is unchanged"
}
bad 'ip netns add'
bad 'ip netns add a/b'
bad "ip netns add $long"
bad "ip netns add ''"
bad 'ip netns add ..'
bad 'ip netns add RED'
bad 'ip netns del'
bad 'ip netns delete NOPE'
bad 'ip netns del .'
bad 'ip netns exec'
bad 'ip netns exec RED'
bad 'ip netns exec NOPE ls'
bad 'ip netns exec NOPE ip link'
bad 'ip netns exec a/b ip link'
bad 'ip netns exec RED no-such-program-xyz'
bad 'ip netns exec RED /etc'
bad 'ip netns identify abc'
bad 'ip netns identify 1 2'
bad 'ip netns identify 999999999'
bad 'ip netns pids'
bad 'ip netns pids NOPE'
bad 'ip netns bogus'

# Tutorial 004 writes "ip netns exec {namespace name} ip link": typed as
# it is, the hint says the braces stand for a name.
for line in 'ip netns exec {namespace name} ip link' 'ip -n {namespace name} link'; do
	nstutor_ -c "$line" >/dev/null 2>"$TEST_TMP/err"
	ok $((! $?)) "$line: fails"
	like "$(cat "$TEST_TMP/err")" '^hint: "\{namespace" is where the tutorial means a namespace.s name: type one in its place' \
		"$line: the hint says to put a name in the placeholder's place"
done
nstutor_ -c 'ip netns exec nosuch ip link' >/dev/null 2>"$TEST_TMP/err"
unlike "$(cat "$TEST_TMP/err")" 'placeholder|where the tutorial means' "a plain missing name gets no such hint"

done_testing
