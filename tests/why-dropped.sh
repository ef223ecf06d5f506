#!/bin/bash
# why-dropped.sh: when netfilter drops nstutor's ping, nstutor says
# where (nftables trace events): the FORWARD policy of the tutorials'
# bridge lab with bridge-nf-call-iptables=1, an explicit DROP rule by
# its number and text, INPUT and OUTPUT rules in the lab's namespaces;
# nothing is made up when netfilter dropped nothing (no ARP reply, no
# route back: the MASQUERADE lab); the trace table is gone after every
# ping, even one killed; --plain stays iputils' output; "explain"
# repeats the last drop.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

need_nf_tables
need_br_netfilter

build_bridge_lab

# nstutor's own iptables once it can list rules, else the real
# iptables-nft (the two write the same rules).
if nst -c 'iptables -S' >/dev/null 2>&1; then
	NST_IPT=1
	diag "rules made with nstutor's iptables"
else
	NST_IPT=
	diag "rules made with the real iptables-nft"
fi
# fw NS ARGS...: iptables ARGS in namespace NS ("host": the host).
fw() {
	local ns=$1
	shift
	if [ -n "$NST_IPT" ]; then
		if [ "$ns" = host ]; then
			nst -c "iptables $*" >/dev/null
		else
			nst -c "ip netns exec $ns iptables $*" >/dev/null
		fi
	else
		in_ns "$ns" iptables-nft "$@"
	fi
}

# nstutor's ping with its notes (not --plain).
nping() { nstutor_ -k "$@" 2>&1; }

# Every table of every namespace, as nft lists them (when nft is here).
all_tables() {
	local ns
	command -v nft >/dev/null || return 0
	for ns in host RED BLUE $(in_ns host ip netns list | cut -d' ' -f1 |
		grep -vx 'RED\|BLUE'); do
		echo "== $ns"
		in_ns "$ns" nft list tables
	done
}
PATH=$PATH:/usr/sbin

norm() {
	sed -E 's/time=[0-9.]+ ms/time=T ms/; s/time [0-9]+ms/time Nms/;
		s#= [0-9]+\.[0-9]{3}/[0-9.]+/[0-9.]+/[0-9.]+ ms#= R ms#'
}

# no_trace_tables: how many of nstutor's trace tables the world holds.
trace_tables() { all_tables | grep -c nstutor_trace; }

explain=$(nstutor_ -c explain)
ok $? "explain before any ping"
like "$explain" '^Nothing to explain yet' "says there is nothing to explain yet"

# --- the trap of lesson 3: FORWARD policy DROP and br_netfilter ---
sysctl -qw net.bridge.bridge-nf-call-iptables=1
fw host -P FORWARD DROP
ipt_before=$(iptables-nft -S)

out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3' -c explain)
like "$out" '1 packets transmitted, 0 received, 100% packet loss' "policy DROP: the ping fails"
has_line "$out" '# dropped in host: table filter, chain FORWARD, policy DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
	"the drop line names FORWARD's policy, and the bridged frame"
is "$(grep -A3 'ping statistics ---' <<<"$out" | sed -n '4p')" \
	"# dropped in host: table filter, chain FORWARD, policy DROP (bridged frame, bridge-nf-call-iptables=1)" \
	"it comes right after the statistics"
if printf '%s\n' "$out" | grep -q '^# No reply came back'; then r=1; else r=0; fi
ok $r "and replaces the vague 'no reply came back' note"
has_line "$out" 'dropped in host: table filter, chain FORWARD, policy DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
	"explain repeats it"
has_line "$out" '.*bridge-nf-call-iptables=1 the kernel sends bridged IPv4 through iptables.*' \
	"explain says what bridge-nf-call-iptables=1 does"
has_line "$out" ".*the chain's policy dropped it.*" "explain says the policy decided"
is "$(iptables-nft -S)" "$ipt_before" "iptables-nft -S never shows the trace table"
is "$(trace_tables)" 0 "after the ping no trace table is left in any namespace"

# --plain: iputils' output, byte for byte, and no annotation.
mine=$(nst -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3')
is "$?" 1 "--plain: status 1"
real=$(in_ns RED ping -c 1 -W 1 11.11.11.3)
is "$(norm <<<"$mine")" "$(norm <<<"$real")" "--plain: the same as iputils, no drop line"

# Speed: the explanation is ready as the ping ends.
err=$(NSTUTOR_TRACE_TIMING=1 nstutor_ -c 'ip netns exec RED ping -c 1 -W 0.3 11.11.11.3' 2>&1 >/dev/null)
us=$(sed -n 's/^nstutor: trace explained in \([0-9]*\) us$/\1/p' <<<"$err")
diag "$(tr '\n' ';' <<<"$err")"
[ -n "$us" ] && [ "$us" -lt 5000 ]
ok $? "the drop is explained in under 5 ms after the ping ends ($us us)"

# bridge-nf-call-iptables=0: bridged frames skip iptables, the ping works.
sysctl -qw net.bridge.bridge-nf-call-iptables=0
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3')
like "$out" '1 received' "bridge-nf-call-iptables=0: the ping works despite FORWARD DROP"
sysctl -qw net.bridge.bridge-nf-call-iptables=1

# The tutorial's fix: an ACCEPT rule.
fw host -A FORWARD -s 11.11.11.0/24 -j ACCEPT
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3' -c explain)
like "$out" '1 packets transmitted, 1 received' "after the ACCEPT rule the ping succeeds"
if grep -q 'dropped in' <<<"$out"; then r=1; else r=0; fi
ok $r "and nothing is said to be dropped"
like "$out" 'got its replies: nothing was dropped' "explain says so"

# An explicit DROP rule, second in the chain: named by number and text.
fw host -F FORWARD
fw host -A FORWARD -d 10.9.9.9/32 -j ACCEPT
fw host -A FORWARD -s 11.11.11.2/32 -j DROP
fw host -A FORWARD -s 11.11.11.0/24 -j ACCEPT
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3')
like "$out" '1 packets transmitted, 0 received' "a DROP rule: the ping fails"
if nst -c 'iptables -S FORWARD' >/dev/null 2>&1 &&
	nst -c 'iptables -S FORWARD' | grep -q -- '-s 11.11.11.2/32 -j DROP'; then
	has_line "$out" '# dropped in host: table filter, chain FORWARD, by rule 2: -A FORWARD -s 11\.11\.11\.2/32 -j DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
		"the drop line names rule 2 and its iptables text"
else
	diag "nstutor cannot read iptables rules yet: the rule by handle"
	has_line "$out" '# dropped in host: table filter, chain FORWARD, by rule handle [0-9]+ \(bridged frame, bridge-nf-call-iptables=1\)' \
		"the drop line names the rule (by handle until rules can be read)"
fi

# A rule in BLUE's INPUT: the request arrives, BLUE drops it.
fw host -F FORWARD
fw host -P FORWARD ACCEPT
fw BLUE -A INPUT -p icmp -j DROP
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3')
has_line "$out" '# dropped in BLUE: table filter, chain INPUT, by rule (1: -A INPUT -p icmp -j DROP|handle [0-9]+)' "a drop in BLUE's INPUT is named there"
if grep -q 'bridged frame' <<<"$out"; then r=1; else r=0; fi
ok $r "BLUE's own INPUT saw no bridged frame"
fw BLUE -F INPUT

# A rule in RED's OUTPUT: the request never leaves.
fw RED -A OUTPUT -d 11.11.11.3/32 -j DROP
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3')
has_line "$out" '# dropped in RED: table filter, chain OUTPUT, by rule (1: -A OUTPUT -d 11\.11\.11\.3/32 -j DROP|handle [0-9]+)' "a drop in RED's OUTPUT is named there"
fw RED -F OUTPUT

# Not netfilter: nobody has the address (no ARP reply).
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.9' -c explain)
if grep -q 'dropped in' <<<"$out"; then r=1; else r=0; fi
ok $r "and no drop is made up"
like "$out" 'the trace saw no firewall rule or policy \(nftables, iptables-nft\) drop them' \
	"explain says the firewall trace saw no drop"

# A ping killed in the middle leaves no trace table behind.
if command -v nft >/dev/null; then
	"${NST_ARGV[@]}" -c 'ip netns exec RED ping -i 0.2 -c 50 11.11.11.3' >/dev/null 2>&1 &
	pid=$!
	sleep 0.5
	is "$(trace_tables)" 3 "while the ping runs, each namespace holds a trace table"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	is "$(trace_tables)" 0 "killed: the kernel removed the trace tables with their sockets"
	"${NST_ARGV[@]}" -c 'ip netns exec RED ping -i 0.2 -c 50 11.11.11.3' >"$TEST_TMP/int" 2>&1 &
	pid=$!
	sleep 0.5
	kill -INT "$pid"
	wait "$pid"
	like "$(cat "$TEST_TMP/int")" 'packets transmitted' "Ctrl-C: the statistics"
	is "$(trace_tables)" 0 "Ctrl-C: no trace table is left"
else
	diag "no nft here: the checks of leftover tables are skipped"
fi

# --- MASQUERADE: the internet has no route back to 11.11.11.0/24 ---
ip addr add 11.11.11.1/24 dev br0
in_ns RED ip route add default via 11.11.11.1
sysctl -qw net.ipv4.ip_forward=1
ip netns add internet
ip link add ieth1 type veth peer name ieth0
ip link set ieth0 netns internet
ip addr add 203.0.113.254/24 dev ieth1
ip link set ieth1 up
in_ns internet ip addr add 203.0.113.1/24 dev ieth0
in_ns internet ip link set ieth0 up
in_ns internet ip link set lo up
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 203.0.113.1' -c explain)
like "$out" '1 packets transmitted, 0 received' "no MASQUERADE: the ping to the internet fails"
if grep -q 'dropped in' <<<"$out"; then r=1; else r=0; fi
ok $r "the reply had no route back: no netfilter drop is made up"
fw host -t nat -A POSTROUTING -s 11.11.11.0/24 -o ieth1 -j MASQUERADE
is "$(iptables-nft -t nat -S POSTROUTING | tail -1)" \
	"-A POSTROUTING -s 11.11.11.0/24 -o ieth1 -j MASQUERADE" "the MASQUERADE rule is there"
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 203.0.113.1')
like "$out" '1 packets transmitted, 1 received' "with MASQUERADE the ping succeeds"
is "$(all_tables | grep -c nstutor_trace)" 0 "no trace table is left in the internet either"
# Routed through br0's own address, not bridged: no bridge is blamed.
fw host -P FORWARD DROP
out=$(nping -c 'ip netns exec RED ping -c 1 -W 1 203.0.113.1')
has_line "$out" '# dropped in host: table filter, chain FORWARD, policy DROP' \
	"a routed packet: FORWARD's policy, and no word of a bridged frame"
fw host -P FORWARD ACCEPT

# --- the sandbox world, as a user without root: the same trap ---
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 &&
	[ "$(awk '{print $3}' /proc/self/uid_map)" -ge 65536 ]; then
	sb=$TEST_TMP/sb
	mkdir -p "$sb/run" && chmod 755 "$sb" && chown nobody: "$sb/run"
	cp "$NSTUTOR" "$sb/nstutor"
	sb_nst() {
		NSTUTOR_RUNTIME_DIR=$sb/run setpriv --reuid=nobody \
			--regid="$(id -g nobody)" --clear-groups env HOME="$sb" \
			"$sb/nstutor" --world=sandbox "$@"
	}
	bridge_lab_lines >"$sb/lab.nst"
	sb_nst --plain -f "$sb/lab.nst" >/dev/null
	sb_nst --plain -c 'sysctl -w net.bridge.bridge-nf-call-iptables=1' >/dev/null
	if [ -n "$NST_IPT" ]; then
		sb_nst -c 'iptables -P FORWARD DROP' >/dev/null
	else
		sb_nst shell -- iptables-nft -P FORWARD DROP
	fi
	out=$(sb_nst -k -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3' 2>&1)
	has_line "$out" '# dropped in host: table filter, chain FORWARD, policy DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
		"sandbox world, no root: the same drop line"
	sb_nst world stop >/dev/null 2>&1
else
	diag "not real root: the sandbox world as nobody is skipped"
fi

done_testing
