#!/bin/bash
# lesson-masquerade.sh: the masquerade lesson (seeds 000, 002) graded by
# --check: before MASQUERADE the ping to 203.0.113.8 fails (the internet
# has no way back); every step fails on an empty world, passes after the
# solution (nstutor; real ip, sysctl and iptables-nft), and one thing
# broken fails exactly the steps that depend on it.  The capture on
# uplink0 shows the source rewritten.
LESSON=masquerade
. "${top_srcdir:-.}/tests/lib.sh"

need_tools tcpdump
. "$top_srcdir/tests/lesson-lib.sh"

# The lesson's premise, with the real tools: without MASQUERADE the
# request leaves as 11.11.11.2 and no reply comes back.
lesson_world
lesson_setup
ok $? "setup runs in nstutor"
ip route show default | grep -q .
ok $((! $?)) "the setup gives the host no default route"
ip addr add 11.11.11.1/24 dev br0
ip -n RED route add default via 11.11.11.1
sysctl -qw net.ipv4.ip_forward=1
ip netns exec RED ping -c 1 -W 1 203.0.113.8 >/dev/null 2>&1
ok $((! $?)) "before MASQUERADE, RED's ping to 203.0.113.8 fails"
iptables-nft -t nat -A POSTROUTING -s 11.11.11.0/24 -j MASQUERADE
timeout 5 tcpdump -l -n -c 2 -i uplink0 icmp >"$TEST_TMP/dump" 2>/dev/null &
dump=$!
sleep 0.5
ip netns exec RED ping -c 1 -W 1 203.0.113.8 >/dev/null 2>&1
ok $? "after MASQUERADE it answers"
wait "$dump"
like "$(cat "$TEST_TMP/dump")" "198\.51\.100\.2 > 203\.0\.113\.8: ICMP echo request" \
	"on uplink0 the source is the host's 198.51.100.2 (tcpdump)"

lesson_round

break_like lesson_solve_real "MASQUERADE deleted" \
	"iptables-nft -t nat -D POSTROUTING -s 11.11.11.0/24 -j MASQUERADE" "masquerade" \
	"iptables-nft -t nat -A POSTROUTING -s 11.11.11.0/24 -j MASQUERADE"
break_like lesson_solve_real "BLUE's default route deleted" \
	"ip -n BLUE route del default" "default-route masquerade"
break_like lesson_solve "ip_forward off" "sysctl -qw net.ipv4.ip_forward=0" \
	"ip-forward masquerade" "sysctl -qw net.ipv4.ip_forward=1"
break_like lesson_solve "a default route in the host, not in RED" \
	"ip -n RED route del default && ip route add default via 11.11.11.1" \
	"default-route masquerade"
like "$(jq -r '.steps[] | select(.id == "default-route") | .hint' "$GRADE_JSON")" "host" \
	"the default route in the host: the hint says so"

done_testing
