#!/bin/bash
# ping.sh: nstutor's own ping (an ICMP echo socket in the namespace)
# crosses the tutorial's bridge lab, prints what iputils-ping 20221126
# prints line by line, reports unreachable hosts and missing routes the
# same way, stops on Ctrl-C with its statistics, and refuses bad input.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

build_bridge_lab

# Timings differ from run to run; everything else must be the same.
norm() {
	sed -E 's/time=[0-9.]+ ms/time=T ms/; s/time [0-9]+ms/time Nms/;
		s#= [0-9]+\.[0-9]{3}/[0-9.]+/[0-9.]+/[0-9.]+ ms#= R ms#'
}

real=$(in_ns RED ping -c 3 -i 0.2 11.11.11.3)
ok $? "the real ping: RED -> BLUE"
mine=$(nst -c 'ip netns exec RED ping -c 3 -i 0.2 11.11.11.3')
ok $? "nstutor's ping: RED -> BLUE succeeds"
is "$(norm <<<"$mine")" "$(norm <<<"$real")" "same output as iputils (times aside)"
want=('^PING 11\.11\.11\.3 \(11\.11\.11\.3\) 56\(84\) bytes of data\.$'
	'^64 bytes from 11\.11\.11\.3: icmp_seq=1 ttl=64 time=[0-9]+\.[0-9]{3} ms$'
	'^64 bytes from 11\.11\.11\.3: icmp_seq=2 ttl=64 time=[0-9]+\.[0-9]{3} ms$'
	'^64 bytes from 11\.11\.11\.3: icmp_seq=3 ttl=64 time=[0-9]+\.[0-9]{3} ms$'
	''
	'^--- 11\.11\.11\.3 ping statistics ---$'
	'^3 packets transmitted, 3 received, 0% packet loss, time (3[5-9][0-9]|4[0-9][0-9])ms$'
	'^rtt min/avg/max/mdev = [0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3} ms$')
mapfile -t lines <<<"$mine"
is "${#lines[@]}" "${#want[@]}" "8 lines"
for i in "${!want[@]}"; do
	if [ -z "${want[$i]}" ]; then
		is "${lines[$i]:-}" "" "line $((i + 1)) is blank"
	else
		like "${lines[$i]:-}" "${want[$i]}" "line $((i + 1)) is iputils' format"
	fi
done

mine=$(nst -c 'enter BLUE' -c 'ping 11.11.11.2 -c 2 -i 0.2')
ok $? "enter BLUE, then ping with the options after the address"
is "$(norm <<<"$mine")" "$(in_ns BLUE ping 11.11.11.2 -c 2 -i 0.2 | norm)" "the same as the real one"
mine=$(nst -c 'ip netns exec RED ping -q -c 2 -i 0.2 11.11.11.3')
is "$(norm <<<"$mine")" "$(in_ns RED ping -q -c 2 -i 0.2 11.11.11.3 | norm)" "-q: only the statistics"
mine=$(nst -c 'ip netns exec RED ping -c 1 0.0.0.0')
is "$(norm <<<"$mine")" "$(in_ns RED ping -c 1 0.0.0.0 | norm)" "0.0.0.0 is the namespace itself"
mine=$(nst -c 'ip netns exec RED ping -c 1 127.1' 2>&1)
is "$(norm <<<"$mine")" "$(in_ns RED ping -c 1 127.1 2>&1 | norm)" "127.1 is read like inet_aton"
# The ICMP datagram socket (when ping_group_range allows it) works too.
in_ns BLUE sysctl -qw net.ipv4.ping_group_range="0 2147483647"
mine=$(nst -c 'ip netns exec BLUE ping -c 2 -i 0.2 11.11.11.3')
ok $? "with an ICMP datagram socket (ping_group_range)"
is "$(norm <<<"$mine")" "$(in_ns BLUE ping -c 2 -i 0.2 11.11.11.3 | norm)" "same output"
is "$(in_ns BLUE sysctl -n net.ipv4.ping_group_range)" "$(printf '0\t2147483647')" \
	"nstutor left ping_group_range as it was"

# Failures.
nst -c 'ip netns exec RED ping -c 1 10.1.1.1' >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "no route: status 1"
is "$(head -1 "$TEST_TMP/err")" "ping: connect: Network is unreachable" "no route: iputils' message"
is "$(cat "$TEST_TMP/out")" "" "and nothing on stdout"
is "$(nst -c 'ping -c 1 11.11.11.3' 2>&1 | head -1)" "$(ping -c 1 11.11.11.3 2>&1)" \
	"the host has no route into the lab either"
mine=$(nst -c 'ip netns exec RED ping -c 2 -i 0.2 11.11.11.9')
is "$?" 1 "an address nobody has: status 1"
is "$(norm <<<"$mine")" "$(in_ns RED ping -c 2 -i 0.2 11.11.11.9 | norm)" \
	"Destination Host Unreachable, +2 errors, pipe 2: as iputils"
like "$mine" 'From 11\.11\.11\.2 icmp_seq=1 Destination Host Unreachable' "the From line"
like "$("$NSTUTOR" --world=host -c 'ip netns exec RED ping -c 1 11.11.11.9')" \
	'# Nobody answered the ARP question for 11\.11\.11\.9' "without --plain, a note says ARP failed"
mine=$(nst -c 'ip netns exec RED ping -w 1 -i 0.3 11.11.11.9')
is "$?" 1 "-w 1 with no reply: status 1"
like "$mine" '^PING 11\.11\.11\.9 .*
--- 11\.11\.11\.9 ping statistics ---
[34] packets transmitted, 0 received, 100% packet loss, time [0-9]+ms$' "-w 1 stops after a second"

# Without -c, and not on a terminal: 4 pings and a note.
mine=$("$NSTUTOR" --world=host -c 'ip netns exec RED ping -i 0.2 11.11.11.3' </dev/null)
like "$mine" '4 packets transmitted, 4 received' "no -c and no terminal: 4 pings"
like "$mine" '# Stopped after 4 pings' "and a note says why"

# Ctrl-C stops the ping, prints the statistics, and nstutor ends.
"$NSTUTOR" --world=host --plain -c 'ip netns exec RED ping -c 100 -i 0.2 11.11.11.3' \
	>"$TEST_TMP/int" 2>&1 &
pid=$!
sleep 1
kill -INT $pid
for _ in $(seq 30); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill -0 $pid 2>/dev/null
ok $((! $?)) "Ctrl-C: nstutor ends within 3 s"
wait $pid
is "$?" 0 "with status 0 (replies came back)"
like "$(cat "$TEST_TMP/int")" '--- 11\.11\.11\.3 ping statistics ---
[4-9] packets transmitted, [4-9] received, 0% packet loss, time [0-9]+ms
rtt min/avg/max/mdev' "and the statistics block, after a handful of pings"

# Bad input: iputils' words, a non-zero status, nothing changed.
before=$(lab_state)
# bad DESC ARGS: "ping ARGS" in RED fails with the real ping's words.
bad() { fails_as_real "$1" "iputils'" RED "ping $2"; }
bad "-c abc" "-c abc 11.11.11.3"
bad "-c 0" "-c 0 11.11.11.3"
bad "-c -1" "-c -1 11.11.11.3"
bad "-W -1" "-W -1 11.11.11.3"
bad "-w abc" "-w abc 11.11.11.3"
bad "an unknown option" "-z 11.11.11.3"
bad "-c without a value" "11.11.11.3 -c"
bad "no address" "-c 1"
bad "a broadcast address" "-c 1 11.11.11.255"
fails_saying "a name: fails" 'ip netns exec RED ping -c 1 nosuchhost' \
	"ping: nosuchhost: Name or service not known" "a name is not looked up"
fails_saying "999.1.1.1 fails" 'ip netns exec RED ping -c 1 999.1.1.1' \
	"ping: 999.1.1.1: Name or service not known" "and is no address"
fails_saying "-i 0.001 fails" 'ip netns exec RED ping -c 1 -i 0.001 11.11.11.3' \
	"ping: cannot flood; minimal interval allowed for user is 2ms" \
	"with iputils' words for users"
fails_saying "-i abc fails" 'ip netns exec RED ping -i abc -c 1 11.11.11.3' \
	"ping: option argument contains garbage: abc" "with iputils' warning"
fails "IPv6 is refused" 'ip netns exec RED ping -c 1 fe80::1'
fails "a missing namespace fails" 'ip netns exec NOPE ping -c 1 11.11.11.3'
is "$(lab_state)" "$before" "bad input changed nothing"

done_testing
