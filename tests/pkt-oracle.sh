#!/bin/bash
# pkt-oracle.sh: pkt_format() prints what the real tcpdump -n and
# tcpdump -e -n print, line for line: first for the hand-made frames of
# tests/pkt-frames.h, each whole and cut at every length (no network),
# then for a real ping, ARP and TCP connection between two namespaces
# joined by a veth pair, recorded by the real tcpdump -w.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
need_tools tcpdump

GEN="$top_builddir/tests/pkt-gen"

# same_as_tcpdump FILE WHAT: pkt-gen's lines for FILE are tcpdump's
# (first lines only: tcpdump's hex dumps go on lines of their own).
same_as_tcpdump() {
	local file=$1 what=$2 e
	for e in "" -e; do
		tcpdump -t -n $e -r "$file" 2>/dev/null | grep -v $'^\t' >"$TEST_TMP/want"
		# shellcheck disable=SC2086
		"$GEN" print $e "$file" >"$TEST_TMP/got"
		ok $? "$what: pkt-gen print $e reads it"
		is "$(wc -l <"$TEST_TMP/got")" "$(wc -l <"$TEST_TMP/want")" \
			"$what: one line per frame${e:+ (-e)}"
		is "$(cat "$TEST_TMP/got")" "$(cat "$TEST_TMP/want")" \
			"$what: every line is tcpdump -n${e:+ -e}'s"
	done
}

# 1. Hand-made frames, whole and cut short.
"$GEN" write "$TEST_TMP/made.pcap"
ok $? "pkt-gen writes the hand-made frames"
same_as_tcpdump "$TEST_TMP/made.pcap" "hand-made frames"
lines=$(tcpdump -t -n -r "$TEST_TMP/made.pcap" 2>/dev/null | grep -v $'^\t')
like "$lines" '^ARP, Request who-has 11\.11\.11\.3 tell 11\.11\.11\.2, length 28$' "an ARP request is there"
like "$lines" 'ICMP host 11\.11\.11\.3 unreachable' "a host unreachable is there"
like "$lines" '\[\|tcp\]' "a cut TCP header is there"
like "$lines" 'options \[mss 1460,sackOK,TS val 12345 ecr 0,nop,wscale 7\]' "TCP options are there"

# 1b. Without -n tcpdump names what it can: a MAC gets "(oui NAME)" from
# tcpdump's short list, the broadcast MAC is "Broadcast".  It would look
# IP addresses and ports up too; nstutor never does, and here there is
# nothing to ask (an empty /etc/hosts, no name server), so the real one
# prints numbers as well: the ARP lines are compared whole, and with -e
# the link header of every frame.
: >"$TEST_TMP/empty"
mount --bind "$TEST_TMP/empty" /etc/hosts &&
	mount --bind "$TEST_TMP/empty" /etc/resolv.conf
ok $? "no names to look up (an empty /etc/hosts and resolv.conf)"
# a MAC of each of tcpdump 4.99's OUIs, a few others, broadcast, multicast
macs="00:00:00:00:00:01 00:00:0c:01:02:03 00:00:5e:00:01:01 00:00:81:00:00:01
00:00:f8:00:00:01 00:80:c2:00:00:0e 00:a0:3e:00:00:01 00:e0:2f:00:00:01
08:00:07:00:00:01 00:90:69:00:00:01 08:00:09:00:00:01 00:12:0f:00:00:01
00:12:bb:00:00:01 00:1b:21:00:00:01 00:23:20:00:00:01 5c:16:c7:00:00:01
b0:d2:f5:00:00:01 00:24:81:00:00:01 00:04:ea:00:00:01 74:87:71:00:00:01
a4:23:05:00:00:01 00:04:9f:00:00:01 00:15:ad:00:00:01 00:10:18:00:00:01
00:e0:04:00:00:01 d0:f0:db:00:00:01 3a:c6:51:d6:08:40 02:00:00:00:00:09
ff:ff:ff:ff:ff:ff 01:00:5e:00:00:01 33:33:00:00:00:01 00:00:0d:00:00:01"
# shellcheck disable=SC2086
"$GEN" macs "$TEST_TMP/macs.pcap" $macs
ok $? "pkt-gen writes an ARP reply from each MAC"
for e in "" -e; do
	tcpdump -t $e -r "$TEST_TMP/macs.pcap" 2>/dev/null >"$TEST_TMP/want"
	# shellcheck disable=SC2086
	"$GEN" print $e -N "$TEST_TMP/macs.pcap" >"$TEST_TMP/got"
	is "$(cat "$TEST_TMP/got")" "$(cat "$TEST_TMP/want")" \
		"without -n${e:+ (-e)}: each MAC as tcpdump names it (oui, Broadcast)"
done
like "$(cat "$TEST_TMP/want")" 'is-at 00:00:0c:01:02:03 \(oui Cisco\)' "the real one names Cisco's"
like "$(cat "$TEST_TMP/want")" '3a:c6:51:d6:08:40 \(oui Unknown\)' "and says Unknown for a veth's"
# the hand-made frames: the ARP lines, and -e's link headers
tcpdump -t -r "$TEST_TMP/made.pcap" 2>/dev/null | grep -v $'^\t' >"$TEST_TMP/want"
"$GEN" print -N "$TEST_TMP/made.pcap" >"$TEST_TMP/got"
arp_lines() { awk 'NR == FNR { if (/^ARP, /) keep[FNR] = 1; next } FNR in keep' "$TEST_TMP/want" "$1"; }
n=$(arp_lines "$TEST_TMP/want" | wc -l)
ok $((n < 10)) "the hand-made ARP frames print ($n lines)"
is "$(arp_lines "$TEST_TMP/got")" "$(arp_lines "$TEST_TMP/want")" \
	"without -n: the hand-made ARP lines are tcpdump's"
tcpdump -t -e -r "$TEST_TMP/made.pcap" 2>/dev/null | grep -v $'^\t' |
	sed 's/, ethertype.*//' >"$TEST_TMP/want"
"$GEN" print -e -N "$TEST_TMP/made.pcap" | sed 's/, ethertype.*//' >"$TEST_TMP/got"
is "$(cat "$TEST_TMP/got")" "$(cat "$TEST_TMP/want")" \
	"without -n, -e: every link header is tcpdump's"
umount /etc/resolv.conf /etc/hosts

# 2. A real conversation: IPv6 waking up (neighbour discovery, MLD),
# ping (ARP and ICMP), a TCP connection, a refused one (RST), a UDP
# datagram to a closed port (port unreachable), and a ping over IPv6.
for ns in A B; do
	ip netns add $ns
	ip -n $ns link set lo up
done
ip -n A link add aeth0 type veth peer name beth0 netns B
ip -n A addr add 11.11.11.2/24 dev aeth0
ip -n B addr add 11.11.11.3/24 dev beth0
ip -n A link set aeth0 up
ok $? "two namespaces joined by a veth pair"

# -Z root: tcpdump would write as its own user, into a directory not its own
ip netns exec A tcpdump --immediate-mode -Z root -i aeth0 -n -U -w "$TEST_TMP/real.pcap" 2>"$TEST_TMP/td.err" &
td=$!
for _ in $(seq 50); do
	grep -q listening "$TEST_TMP/td.err" && break
	sleep 0.1
done
ip -n B link set beth0 up
for _ in $(seq 40); do
	ip netns exec A ip -6 addr show dev aeth0 | grep -q tentative ||
		ip netns exec B ip -6 addr show dev beth0 | grep -q tentative || break
	sleep 0.1
done

ip netns exec A ping -c 2 -i 0.2 11.11.11.3 >/dev/null
ok $? "the real ping gets its replies"
if command -v nc >/dev/null; then
	ip netns exec B timeout 5 nc -l 11.11.11.3 5555 >"$TEST_TMP/nc.out" &
	nc_pid=$!
	for _ in $(seq 50); do
		ip netns exec B ss -ltn | grep -q ':5555' && break
		sleep 0.1
	done
	ip netns exec A timeout 5 bash -c 'exec 3<>/dev/tcp/11.11.11.3/5555; echo hello >&3; exec 3>&-'
	wait "$nc_pid"
	is "$(cat "$TEST_TMP/nc.out")" hello "a TCP connection carries hello"
else
	diag "netcat is not installed: no TCP conversation"
fi
ip netns exec A timeout 5 bash -c 'exec 3<>/dev/tcp/11.11.11.3/7777' 2>/dev/null
ok $((! $?)) "a connection to a closed port is refused"
ip netns exec A bash -c 'echo x >/dev/udp/11.11.11.3/4444'
b6=$(ip -n B -6 addr show dev beth0 scope link | sed -n 's|.*inet6 \([^/]*\)/.*|\1|p')
ip netns exec A ping -c 1 -W 2 "$b6%aeth0" >/dev/null
ok $? "the real ping reaches $b6 over IPv6"
sleep 1.2  # tcpdump hands over what it holds every second
kill -INT "$td"
wait "$td"

real=$(tcpdump -t -n -r "$TEST_TMP/real.pcap" 2>/dev/null)
n=$(printf '%s\n' "$real" | grep -c .)
[ "$n" -ge 10 ]
ok $? "tcpdump -w recorded the conversation ($n frames)"
like "$real" 'ICMP echo request, id [0-9]+, seq 1, length 64' "tcpdump saw the ping"
like "$real" '^ARP, Re' "tcpdump saw ARP"
like "$real" 'Flags \[R\.\]' "tcpdump saw the refusal"
like "$real" 'udp port 4444 unreachable' "tcpdump saw the port unreachable"
like "$real" 'ICMP6, echo reply' "tcpdump saw the IPv6 ping"
like "$real" 'ICMP6, neighbor (solicitation|advertisement)' "tcpdump saw neighbour discovery"
same_as_tcpdump "$TEST_TMP/real.pcap" "a real capture"

done_testing
