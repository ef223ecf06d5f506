#!/bin/bash
# doctor.sh: "nstutor doctor" names what would get in a lesson's way —
# the FORWARD DROP + br_netfilter trap, rules in the legacy backend,
# lesson networks already routed — agrees with iptables-nft,
# iptables-legacy and unshare about what it read, changes nothing, and
# says so when it could not read the firewall.
. "${top_srcdir:-.}/tests/lib.sh"

bnf=net.bridge.bridge-nf-call-iptables

# Real root (not root of the user namespace lib.sh makes for others):
# only real root may use iptables-legacy, list its tables and become
# nobody.
real_root() {
	local inside outside count
	read -r inside outside count </proc/self/uid_map
	[ "$inside $outside $count" = "0 0 4294967295" ]
}
if ! real_root; then
	echo "1..0 # SKIP doctor.sh needs real root (iptables-legacy, setpriv)"
	exit 0
fi

# doctor [ARGS...]: nstutor doctor on the namespace the test runs in;
# its stdout in $out, its exit status in $rc.
doctor() {
	"$NSTUTOR" --plain "$@" doctor >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
}

# block TITLE: the finding whose title starts with TITLE (mark, title,
# and its lines up to the blank line that ends it).
block() {
	printf '%s\n' "$out" | awk -v t="$1" '
		/^$/ { p = 0 }
		/^[^ ]+ / { s = $0; sub(/^[^ ]+ /, "", s); if (index(s, t) == 1) p = 1 }
		p { print }'
}

# the policy iptables-nft or iptables-legacy ($1) gives FORWARD
real_policy() { "$1" -S FORWARD 2>/dev/null | sed -n 's/^-P FORWARD //p'; }

[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]
ok $? "br_netfilter is there (built into this kernel, one per namespace)"

# A clean world: policy ACCEPT, br_netfilter off.
sysctl -qw $bnf=0
iptables-nft -P FORWARD ACCEPT
doctor
is "$rc" 0 "clean world: exit status 0"
is "$(head -1 <<<"$out")" \
	"nstutor doctor: the network namespace nstutor runs in (this machine's own, unless started inside another)" \
	"the first line says which namespace the report is about"
like "$(block 'FORWARD policy')" '^\+ FORWARD policy: ACCEPT$' "clean world: FORWARD is fine (+)"
like "$(block 'FORWARD policy')" "iptables-nft: table ip filter, chain FORWARD, policy ACCEPT, rules: 0" \
	"and the chain it read is named"
like "$(block 'br_netfilter')" "^\+ br_netfilter: bridge-nf-call-iptables = 0$" "clean world: br_netfilter is off (+)"
! grep -q 'policy DROP' <<<"$out"
ok $? "clean world: no DROP policy is named"
! grep -q "bridge-nf-call-iptables = 1" <<<"$out"
ok $? "clean world: bridge-nf-call-iptables = 1 is not named"
like "$(block 'lesson addresses')" '^\+ lesson addresses: free' "no lesson network is in use"
like "$(tail -1 <<<"$out")" "lessons|read what is marked" "a summary line ends the report"

# The Docker trap: FORWARD DROP, bridged frames through iptables.
iptables-nft -P FORWARD DROP
sysctl -qw $bnf=1
doctor
is "$rc" 1 "FORWARD DROP + bridge-nf-call-iptables=1: exit status 1"
like "$(block 'FORWARD policy')" '^x FORWARD policy: DROP$' "the DROP policy is named, as a problem (x)"
like "$(block 'FORWARD policy')" "lesson 3" "and what it means: the trap lesson 3 teaches"
like "$(block 'br_netfilter')" '^! br_netfilter: bridge-nf-call-iptables = 1$' "bridge-nf-call-iptables = 1 is named (!)"
like "$(block 'br_netfilter')" "^    $bnf = 1$" "with the value it read"
mine=$(block 'FORWARD policy' | sed -n 's/^    iptables-nft: table ip filter, chain FORWARD, policy \([A-Z]*\),.*/\1/p')
is "$mine" "$(real_policy iptables-nft)" "the policy read is iptables-nft -S's"
like "$(tail -1 <<<"$out")" "marked x" "the summary points at the problem"
! grep -q $'\033' "$TEST_TMP/out"
ok $? "--plain: no colour"
on_tty() { TERM=xterm script -qec "$*" /dev/null; }
like "$(on_tty "$NSTUTOR" doctor | cat -v)" '\^\[\[31mx\^\[\[0m \^\[\[1mFORWARD policy: DROP' \
	"on a terminal the mark is red and the title bold"
! on_tty "$NSTUTOR" --plain doctor | grep -q $'\033'
ok $? "on a terminal with --plain: no colour"
LC_ALL=C.UTF-8 doctor
like "$(block 'FORWARD policy')" '^✗ FORWARD policy: DROP$' "in a UTF-8 locale the mark is ✗"
like "$(block 'br_netfilter')" '^! br_netfilter' "and ! stays !"
like "$(block 'lesson addresses')" '^✓ lesson addresses' "and + is ✓"

# DROP without br_netfilter: bridged pings pass, routed packets do not.
sysctl -qw $bnf=0
doctor
is "$rc" 0 "FORWARD DROP alone: exit status 0 (a warning)"
like "$(block 'FORWARD policy')" '^! FORWARD policy: DROP$' "FORWARD DROP is a warning (!)"
like "$(block 'FORWARD policy')" "gateway and NAT lessons" "about the routed lessons"
like "$(block 'iptables:')" '^\+ iptables: rules in the nf_tables backend$' "the nf_tables backend holds the rules"

# Legacy only.
iptables-nft -P FORWARD ACCEPT
iptables-legacy -P FORWARD DROP
doctor
like "$(block 'FORWARD policy')" "^    iptables-legacy: table filter, chain FORWARD, policy DROP, rules: 0$" \
	"a legacy FORWARD DROP is named"
mine=$(block 'FORWARD policy' | sed -n 's/^    iptables-legacy: table filter, chain FORWARD, policy \([A-Z]*\),.*/\1/p')
is "$mine" "$(real_policy iptables-legacy)" "the policy read is iptables-legacy -S's"
like "$(block 'iptables:')" '^! iptables: rules in the legacy backend$' "the legacy backend is named (!)"
like "$(block 'iptables:')" 'iptables-legacy -S' "and how to see its rules"

# Both backends with rules (and a user chain in the legacy one).
iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT
iptables-legacy -A INPUT -s 192.0.2.1 -j ACCEPT
iptables-legacy -N MYCHAIN
iptables-legacy -A MYCHAIN -s 192.0.2.2 -j DROP
doctor
like "$(block 'iptables:')" '^! iptables: rules in both backends$' "rules in both backends: named (!)"
like "$(block 'iptables:')" "different rules" "iptables and iptables-legacy show different rules"
rules() { "$1" -t filter -S 2>/dev/null | grep -c '^-A'; }
chains() { "$1" -t filter -S 2>/dev/null | grep -c '^-[PN]'; }
# (iptables-nft -S lists the built-in chains a table may not hold)
like "$(block 'iptables:')" "^    iptables-nft: table ip filter: chains: [0-9]+, rules: $(rules iptables-nft), DROP policies: 0$" \
	"nf_tables' rules: as many as iptables-nft -S shows"
like "$(block 'iptables:')" "^    iptables-legacy: table filter: chains: $(chains iptables-legacy), rules: $(rules iptables-legacy), DROP policies: 1$" \
	"legacy chains and rules: as iptables-legacy -S counts them"

# Leave the firewall clean for what follows.
iptables-legacy -P FORWARD ACCEPT && iptables-legacy -F && iptables-legacy -X
iptables-nft -F FORWARD

# Lesson networks already routed here.
# (no dummy driver in this kernel, and no modules are loaded: a veth)
ip link add d0 type veth peer name d1 && ip link set d0 up && ip route add 11.11.11.0/24 dev d0
ok $? "a route to 11.11.11.0/24 on a link of its own"
doctor
is "$rc" 1 "a collision: exit status 1"
like "$(block 'lesson addresses')" '^x lesson addresses: already used here$' "the collision is a problem (x)"
like "$(block 'lesson addresses')" '^    route 11.11.11.0/24 dev d0 meets 11.11.11.0/24 ' "and names the route"
ip route del 11.11.11.0/24 dev d0 && ip route add 10.0.0.0/8 dev d0
doctor
like "$(block 'lesson addresses')" '^! lesson addresses: inside a wider route$' "a wider route (10.0.0.0/8): a warning"
like "$(block 'lesson addresses')" '^    route 10.0.0.0/8 dev d0 meets 10.200.0.0/24 ' "naming 10.200.0.0/24"
ip route del 10.0.0.0/8 dev d0 && ip addr add 203.0.113.5/24 dev d0
doctor
like "$(block 'lesson addresses')" '^    address 203.0.113.5/24 on d0 meets 203.0.113.0/24 ' "an address in a lesson network is named"
ip link del d0

# User namespaces: the same answer as unshare gives nobody.
if setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n ip link set lo up 2>/dev/null; then
	doctor
	like "$(block 'user namespaces')" '^\+ user namespaces: allowed$' "allowed, as unshare -U -r -n finds for nobody"
else
	doctor
	like "$(block 'user namespaces')" '^! user namespaces: refused$' "refused, as unshare -U -r -n finds for nobody"
fi

# Read-only: a namespace whose legacy tables were never used keeps none.
ip netns add FRESH
ip netns exec FRESH "$NSTUTOR" --plain doctor >"$TEST_TMP/fresh" 2>&1
like "$(cat "$TEST_TMP/fresh")" "iptables-legacy: no tables" "a fresh namespace has no legacy tables"
like "$(cat "$TEST_TMP/fresh")" "nf_tables: no chains" "nor nf_tables chains"
is "$(ip netns exec FRESH cat /proc/net/ip_tables_names)" "" "and doctor made none"
ip netns exec FRESH "$NSTUTOR" --plain doctor >"$TEST_TMP/fresh2" 2>&1
is "$(cat "$TEST_TMP/fresh2")" "$(cat "$TEST_TMP/fresh")" "a second report is the same"
iptables-nft -P FORWARD DROP
sysctl -qw $bnf=1
state() { iptables-nft -S 2>/dev/null; iptables-legacy -S; cat /proc/net/ip_tables_names; sysctl $bnf; ip route; }
before=$(state)
doctor
is "$(state)" "$before" "doctor changed nothing it read"

# Without CAP_NET_ADMIN it says the firewall could not be read.
cp "$NSTUTOR" "$TEST_TMP/nstutor" && chmod 755 "$TEST_TMP/nstutor"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$TEST_TMP/nstutor" --plain doctor >"$TEST_TMP/out" 2>&1
out=$(cat "$TEST_TMP/out")
like "$(block 'FORWARD policy')" '^\? FORWARD policy: could not be read$' \
	"unprivileged: the FORWARD policy could not be read (?)"
like "$(block 'FORWARD policy')" 'sudo nstutor doctor' "and how to get a full report"
! grep -qE '^\+ (FORWARD|iptables)' <<<"$out"
ok $? "and it does not claim the firewall is fine"
like "$(block 'iptables:')" 'nf_tables: could not be read: Operation not permitted' "nf_tables: EPERM"

# Inside a world, the report says which.
out=$("$NSTUTOR" --world=host --plain -c doctor)
is "$(head -1 <<<"$out")" "nstutor doctor: the host world (this machine's network namespace)" \
	"-c doctor in the host world says so"
out=$("$NSTUTOR" --plain -c doctor)
like "$(head -1 <<<"$out")" "sandbox world" "-c doctor in the sandbox world says so"
like "$(block 'FORWARD policy')" '^\+ FORWARD policy: ACCEPT$' "and reads the sandbox's own firewall, not the DROP here"

done_testing
