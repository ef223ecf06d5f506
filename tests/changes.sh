#!/bin/bash
# changes.sh: after every command nstutor says what the kernel now holds
# differently, from the kernel's own notifications: the bridge lab typed
# line by line, a ping's ARP and fdb learning (with the MACs the real ip
# and bridge show), a neighbour flush, nothing for a command that changes
# nothing, nothing under --plain, and namespaces deleted by nstutor or
# behind its back really go away.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

need_tools jq bridge

# The notes this feature prints (other notes left out).
changes() {
	grep -E '^# (created |deleted |moved |renamed |address |removed |route |new neighbour |neighbour |forgot neighbour |no answer |bridge [^ ]+ learned |[^ ]+ (joined|left) bridge |[^ ]+ \([^)]+\) is (up|down)$)'
}

# The lab, typed line by line in one nstutor.
bridge_lab_lines >"$TEST_TMP/lab.nst"
out=$(nstutor_ -f "$TEST_TMP/lab.nst" 2>&1)
ok $? "the lab script runs"
bridge_lab_ok
ok $? "the lab is up (as the real ip sees it)"
want='# created namespace RED
# created namespace BLUE
# created veth pair reth0 (host) ⇄ reth1 (host)
# created veth pair beth0 (host) ⇄ beth1 (host)
# moved reth0 from host to RED
# moved beth0 from host to BLUE
# created bridge br0 (host)
# reth1 joined bridge br0
# beth1 joined bridge br0
# address 11.11.11.2/24 on reth0 (RED)
# address 11.11.11.3/24 on beth0 (BLUE)
# reth0 (RED) is up
# route 11.11.11.0/24 dev reth0 (RED, added by the kernel for the address)
# beth0 (BLUE) is up
# route 11.11.11.0/24 dev beth0 (BLUE, added by the kernel for the address)
# lo (RED) is up
# address 127.0.0.1/8 on lo (RED)
# lo (BLUE) is up
# address 127.0.0.1/8 on lo (BLUE)
# br0 (host) is up
# reth1 (host) is up
# beth1 (host) is up'
# IPv6 traffic may teach the bridge a MAC at any moment: not compared here
is "$(changes <<<"$out" | grep -v ' learned ')" "$want" "the lab's changes, one line each, in order"

# Each note comes after its command's own output: the move after the
# pair, the address after the move.
line_of() { grep -nF -- "$1" <<<"$out" | head -1 | cut -d: -f1; }
[ "$(line_of 'created veth pair reth0')" -lt "$(line_of 'moved reth0')" ] &&
	[ "$(line_of 'moved reth0')" -lt "$(line_of 'address 11.11.11.2/24')" ]
ok $? "notes follow the order of the commands"

# What the notes say is what the real tools see.
for port in $(ip -j link show master br0 | jq -r '.[].ifname'); do
	grep -qFx "# $port joined bridge br0" <<<"$out"
	ok $? "the real ip sees $port in br0, and so did the note"
done
kroute=$(in_ns RED ip -j route show proto kernel | jq -r '.[] | "\(.dst) dev \(.dev)"')
grep -qFx "# route $kroute (RED, added by the kernel for the address)" <<<"$out"
ok $? "the kernel route the real ip shows in RED ($kroute) was noted"
raddr=$(in_ns RED ip -j -4 addr show reth0 | jq -r '.[0].addr_info[0] | "\(.local)/\(.prefixlen)"')
grep -qFx "# address $raddr on reth0 (RED)" <<<"$out"
ok $? "the address the real ip shows on reth0 ($raddr) was noted"

# No IPv6 chatter from here on, and an empty fdb: the ping alone teaches.
for l in RED:reth0 BLUE:beth0 host:reth1 host:beth1 host:br0; do
	in_ns "${l%%:*}" sysctl -qw "net.ipv6.conf.${l#*:}.disable_ipv6=1"
done
ip link set br0 type bridge fdb_flush
in_ns RED ip neigh flush all
in_ns BLUE ip neigh flush all
sleep 0.2

rmac=$(in_ns RED ip -j link show reth0 | jq -r '.[0].address')
bmac=$(in_ns BLUE ip -j link show beth0 | jq -r '.[0].address')
out=$(nstutor_ -c 'ip netns exec RED ping -c 1 11.11.11.3' 2>&1)
ok $? "the ping crosses the bridge"
want="# bridge br0 learned $bmac on port beth1
# bridge br0 learned $rmac on port reth1
# new neighbour 11.11.11.2 → $rmac on beth0 (BLUE, learned by ARP)
# new neighbour 11.11.11.3 → $bmac on reth0 (RED, learned by ARP)"
is "$(changes <<<"$out" | sort)" "$(sort <<<"$want")" \
	"the ping's ARP and fdb learning, with the real MACs"
[ "$(line_of "learned $rmac on port reth1")" -lt "$(line_of "learned $bmac on port beth1")" ]
ok $? "the bridge learns RED's MAC (the ARP request) before BLUE's (the reply)"
is "$(in_ns RED ip -j neigh show 11.11.11.3 | jq -r '.[0].lladdr')" "$bmac" \
	"the real ip shows the neighbour RED learned"
for e in reth1:$rmac beth1:$bmac; do
	bridge -j fdb show br br0 | jq -e --arg p "${e%%:*}" --arg m "${e#*:}" \
		'any(.[]; .ifname == $p and .mac == $m and (.state // "") != "permanent")' >/dev/null
	ok $? "the real bridge shows ${e#*:} learned on ${e%%:*}"
done

# A flush says only what went: neighbours the real ip showed before.
before=$(in_ns RED ip -j -4 neigh show dev reth0 | jq -r '.[].dst' | sort)
out=$(nstutor_ -c 'ip -n RED neigh flush dev reth0' 2>&1)
ok $? "ip neigh flush runs"
notes=$(changes <<<"$out")
invented=$(sed -n 's/^# forgot neighbour \([^ ]*\) on reth0 (RED)$/\1/p' <<<"$notes" |
	comm -13 <(echo "$before") -)
is "$invented" "" "every neighbour said forgotten was there"
is "$(grep -vc '^# forgot neighbour ' <<<"$notes")" 0 "and nothing else is said"
like "$notes" "forgot neighbour 11\.11\.11\.3 on reth0 \(RED\)" "11.11.11.3 is said forgotten"
is "$(in_ns RED ip -4 neigh show dev reth0 | grep -vc FAILED)" 0 "the real ip shows the cache empty"

# Nothing changed, nothing said.
out=$(nstutor_ -c 'ip link show' -c 'ip -n RED addr show' -c 'ip route show' 2>&1)
is "$(changes <<<"$out")" "" "commands that change nothing say nothing"

# A deleted link takes its address and route along: said once.
out=$(nstutor_ -c 'ip link add d0 type veth peer name d1' -c 'ip addr add 10.9.9.1/24 dev d0' \
	-c 'ip link set d1 up' -c 'ip link set d0 up' 2>&1)
like "$out" "# route 10\.9\.9\.0/24 dev d0 \(host, added by the kernel" "the route d0's address brought"
out=$(nstutor_ -c 'ip link del d0' 2>&1)
is "$(changes <<<"$out" | sort)" "# deleted d0 (host)
# deleted d1 (host)" "deleting d0 says both ends went, and nothing else"
ip link show d1 >/dev/null 2>&1
ok $((!$?)) "the real ip sees d1 gone too"

# --plain: not a word, and no listening socket either.
out=$(nstutor_ --plain -c 'ip link add pl0 type veth peer name pl1' 2>&1)
is "$out" "" "--plain prints none of it"
ip link show pl0 >/dev/null 2>&1
ok $? "(the veth was made)"
strace -f -o "$TEST_TMP/st" -e trace=setsockopt "${NST_ARGV[@]}" --plain -c 'ip link del pl0' >/dev/null 2>&1
! grep -q NETLINK_ADD_MEMBERSHIP "$TEST_TMP/st"
ok $? "--plain subscribes to no notifications"
strace -f -o "$TEST_TMP/st" -e trace=setsockopt "${NST_ARGV[@]}" -c 'ip link show lo' >/dev/null 2>&1
grep -q NETLINK_ADD_MEMBERSHIP "$TEST_TMP/st"
ok $? "(without --plain it does)"

# One nstutor that keeps running: a namespace it deletes, and one the
# real ip deletes behind its back, must really go (their veth peers in
# the host with them).
mkfifo "$TEST_TMP/in"
nstutor_ -k -f "$TEST_TMP/in" >"$TEST_TMP/out" 2>&1 &
nst_pid=$!
exec 3>"$TEST_TMP/in"

# wait_for TEXT: until nstutor has printed TEXT (5 s at most).
wait_for() {
	for _ in $(seq 50); do
		grep -qF -- "$1" "$TEST_TMP/out" && return 0
		sleep 0.1
	done
	return 1
}
# gone DEV: until the host's DEV is no more (1 s at most).
gone() {
	for _ in $(seq 10); do
		ip link show "$1" >/dev/null 2>&1 || return 0
		sleep 0.1
	done
	return 1
}

echo 'ip -n BLUE link show beth0' >&3
wait_for 'beth0@'
ok $? "nstutor shows BLUE's beth0"
echo 'ip netns del BLUE' >&3
wait_for '# deleted namespace BLUE (its links went with it)'
ok $? "deleting BLUE is noted"
gone beth1
ok $? "BLUE really went: beth1 left the host within a second"

echo 'ip -n RED link show reth0' >&3
wait_for 'reth0@'
ok $? "nstutor shows RED's reth0"
ip netns del RED
sleep 0.3
ip link show reth1 >/dev/null 2>&1
ok $? "while nstutor waits, its sockets keep RED (and reth1) alive"
echo 'ip link show lo' >&3
gone reth1
ok $? "RED deleted by the real ip went with nstutor's next command"

exec 3>&-
wait "$nst_pid"
ok $? "nstutor ends well"
! grep -qF '# deleted namespace RED' "$TEST_TMP/out"
ok $? "a deletion nstutor did not make is not claimed as a command's"
done_testing
