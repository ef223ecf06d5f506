#!/bin/bash
# capture-forward.sh: the tutorials' trap seen in the timeline: with
# FORWARD policy DROP and bridge-nf-call-iptables=1 the ARP passes the
# bridge both ways, the echo request reaches br0 and stops there, and
# the line that says so carries the firewall's drop explanation; the
# ladder marks where it stopped; after the ACCEPT rule nothing stops.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

need_tools iptables-nft
need_nf_tables
need_br_netfilter

build_bridge_lab
sysctl -qw net.bridge.bridge-nf-call-iptables=1
iptables-nft -P FORWARD DROP

run() {
	LC_ALL=C.UTF-8 nstutor_ -k -c 'capture on' -c 'ip -n RED neigh flush all' \
		-c 'ip -n BLUE neigh flush all' \
		-c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3' "$@" 2>&1
}

out=$(run -c 'capture ladder')
like "$out" '1 packets transmitted, 0 received' "FORWARD policy DROP: the ping fails"
has_line "$out" 'RED +reth0 +[0-9:.]+ ARP, Request who-has 11\.11\.11\.3 tell 11\.11\.11\.2, length 28' \
	"the ARP request is in the timeline"
is "$(grep -A1 'ARP, Request who-has 11.11.11.3' <<<"$out" | sed -n 2p)" \
	"    seen at RED reth0 → host reth1 → host br0 → host beth1 → BLUE beth0" \
	"the ARP request passes the bridge to BLUE"
is "$(grep -A1 'ARP, Reply 11.11.11.3 is-at' <<<"$out" | sed -n 2p)" \
	"    seen at BLUE beth0 → host beth1 → host br0 → host reth1 → RED reth0" \
	"the ARP reply passes the bridge back to RED"
is "$(grep -A1 'ICMP echo request' <<<"$out" | sed -n 2p)" \
	"    seen at RED reth0 → host reth1 → host br0" \
	"the echo request gets as far as br0"
has_line "$out" '    ✗ the echo request reached br0 but never left it towards beth1: dropped in host: table filter, chain FORWARD, policy DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
	"where it stopped, with the drop explanation on the same line"
if grep -q 'ICMP echo reply' <<<"$out"; then r=1; else r=0; fi
ok $r "no echo reply was seen anywhere"
if grep -q 'ARP.*never' <<<"$out"; then r=1; else r=0; fi
ok $r "the ARP is not said to have stopped"
lad=$(sed -n '/^ *RED reth0  *host br0/,$p' <<<"$out")
like "$lad" '│─ echo (─)+▶│ ✗' "the ladder marks where the echo request stopped"
like "$lad" 'where a packet stopped' "and says what the mark means"

# --plain keeps the stop line (it is the timeline, not a note).
out=$(LC_ALL=C nstutor_ --plain -k -c 'capture on' -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.3' 2>&1)
has_line "$out" '    X the echo request reached br0 but never left it towards beth1: dropped in host: table filter, chain FORWARD, policy DROP \(bridged frame, bridge-nf-call-iptables=1\)' \
	"--plain, LANG=C: the same line, in ASCII"

# The tutorial's fix: nothing stops any more.
iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT
out=$(run)
like "$out" '1 packets transmitted, 1 received' "after the ACCEPT rule the ping works"
is "$(grep -A1 'ICMP echo reply' <<<"$out" | sed -n 2p)" \
	"    seen at BLUE beth0 → host beth1 → host br0 → host reth1 → RED reth0" \
	"the echo reply comes back through the bridge"
if grep -q 'never left' <<<"$out"; then r=1; else r=0; fi
ok $r "and nothing is said to have stopped"

done_testing
