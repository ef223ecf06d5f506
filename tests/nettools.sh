#!/bin/bash
# nettools.sh: "arp" and "route" (tutorial 004 reads the tables with them)
# against the real net-tools on the same world, in the host and in a
# namespace (through "ip netns exec" and "enter"): an empty table,
# incomplete, reachable, stale and permanent ARP entries, a default route
# via a gateway, a /32 host route, link routes and refused routes.
#
# nstutor never looks names up.  Without -n the real tools ask DNS for
# each address (a query that may wait, and sends packets), and print the
# address when it has no name: nstutor prints that, always.  So its
# "arp" is compared with the real "arp -n", its "arp -a" with "arp -an",
# and its "route" with "route -n" where 0.0.0.0/0 reads "default".
. "${top_srcdir:-.}/tests/lib.sh"
need_tools arp route jq

host_red_lab

# mine NS CMD: nstutor's CMD in NS ("host": as typed; else after "ip
# netns exec NS"), stdout and stderr.
mine() {
	if [ "$1" = host ]; then
		nst -c "$2" 2>&1
	else
		nst -c "ip netns exec $1 $2" 2>&1
	fi
}

# same NS CMD [REAL]: nstutor's CMD in NS prints what the real REAL (CMD
# when not given) prints there.
same() {
	local ns=$1 cmd=$2 real=${3:-$2}
	# shellcheck disable=SC2086
	is "$(mine "$ns" "$cmd")" "$(in_ns "$ns" $real 2>&1)" \
		"$ns: $cmd is net-tools' $real"
}

# real_route NS: the real "route -n" in NS, with 0.0.0.0/0 as "default"
# (what route prints for it without -n).
real_route() {
	in_ns "$1" route -n | sed -E 's/^0\.0\.0\.0( +[0-9.]+ +0\.0\.0\.0 )/default\1/'
}

# --- empty tables ------------------------------------------------------

is "$(mine RED 'arp -n')" "" "RED: an empty ARP table prints nothing"
same RED 'arp -n'
same RED 'arp'
same RED 'arp -a'
same RED 'arp -n -i veth1'
is "$(mine RED 'arp -n -i veth1')" "arp: in 0 entries no match found." \
	"RED: arp -n -i DEV on an empty table says no match"
same RED 'arp -n 11.11.11.1'
is "$(mine RED 'arp -n 11.11.11.1')" "11.11.11.1 (11.11.11.1) -- no entry" \
	"RED: arp -n ADDRESS without its entry says -- no entry"
like "$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED arp -n' 2>&1)" \
	'^# the ARP table is empty' "without --plain, a note says it is empty"

# --- routes --------------------------------------------------------------

same RED 'route -n'
same host 'route -n'
is "$(mine RED 'route -n')" "Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
11.11.11.0      0.0.0.0         255.255.255.0   U     0      0        0 veth1" \
	"RED: route -n shows the link route of its subnet"

in_ns RED ip route add default via 11.11.11.1
in_ns RED ip route add 10.9.9.9/32 dev veth1
in_ns RED ip route add 10.8.0.0/16 via 11.11.11.1 metric 5
in_ns RED ip route add unreachable 10.6.0.0/16
in_ns RED ip route add prohibit 10.5.5.5/32
in_ns RED ip route add blackhole 10.7.0.0/16
in_ns RED ip route add 10.4.0.0/16 dev veth1 table 100
for cmd in 'route -n' 'route -ne' 'route -nee' 'route -n -e -e' \
	'route -Cn' 'route -FCn' 'route -n --inet' 'route -4n'; do
	same RED "$cmd"
done
out=$(mine RED 'route -n')
has_line "$out" '0\.0\.0\.0 +11\.11\.11\.1 +0\.0\.0\.0 +UG +0 +0 +0 veth1' \
	"RED: the default route goes through the gateway (UG)"
has_line "$out" '10\.9\.9\.9 +0\.0\.0\.0 +255\.255\.255\.255 +UH +0 +0 +0 veth1' \
	"RED: the /32 is a host route (UH)"
has_line "$out" '10\.8\.0\.0 +11\.11\.11\.1 +255\.255\.0\.0 +UG +5 +0 +0 veth1' \
	"RED: the metric is shown"
has_line "$out" '10\.5\.5\.5 +- +255\.255\.255\.255 +!H +0 +- +0 -' \
	"RED: a prohibit route is refused (!H)"
is "$(printf '%s\n' "$out" | grep -c '^10\.4\.')" 0 "RED: table 100's route is not listed"
is "$(mine RED 'route')" "$(real_route RED)" \
	"RED: route without -n prints default for 0.0.0.0/0, addresses otherwise"
is "$(nst -c 'enter RED; route -n' 2>&1)" "$(in_ns RED route -n)" \
	"enter RED, then route -n acts in RED"
mkdir -p "$TEST_TMP/empty"
is "$(PATH=$TEST_TMP/empty nst -c 'ip netns exec RED route -n' 2>&1)" \
	"$(in_ns RED route -n)" "ip netns exec RED route is nstutor's own (no program needed)"
like "$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED route -n' 2>&1)" \
	'^# Flags U: up; G: through a gateway' "without --plain, a note reads the flags"

# --- ARP entries ---------------------------------------------------------

in_ns RED ping -c1 -W2 11.11.11.1 >/dev/null
ok $? "the real ping RED -> host works"
in_ns RED ping -c1 -W1 11.11.11.9 >/dev/null 2>&1 # nobody: (incomplete)
in_ns RED ip neigh add 11.11.11.20 lladdr 02:00:00:00:00:20 dev veth1 nud permanent
in_ns RED ip neigh add 11.11.11.21 lladdr 02:00:00:00:00:21 dev veth1 nud stale
in_ns RED ip neigh add 11.11.11.22 lladdr 02:00:00:00:00:22 dev veth1 nud noarp
for cmd in 'arp -n' 'arp -e' 'arp -ne' 'arp -an' 'arp -n -i veth1' 'arp -n -i lo' \
	'arp -ni veth1' 'arp -n 11.11.11.20' 'arp -n 11.11.11.77' 'arp -a 11.11.11.77' \
	'arp -an 11.11.11.20' 'arp -nv' 'arp -n -H ether' 'arp 11.11.11.20 -n' \
	'arp --numeric --device=veth1'; do
	same RED "$cmd"
done
same RED 'arp' 'arp -n'
same RED 'arp -a' 'arp -an'
same RED 'arp -i veth1' 'arp -n -i veth1'
out=$(mine RED 'arp -n')
has_line "$out" 'Address +HWtype +HWaddress +Flags Mask +Iface' "RED: arp -n's header"
has_line "$out" '11\.11\.11\.20 +ether +02:00:00:00:00:20 +CM +veth1' \
	"RED: a permanent entry has flags CM"
has_line "$out" '11\.11\.11\.21 +ether +02:00:00:00:00:21 +C +veth1' \
	"RED: a stale entry is complete (C)"
has_line "$out" "11\\.11\\.11\\.1 +ether +$(in_ns host ip -j link show veth0 | jq -r '.[0].address') +C +veth1" \
	"RED: the host's MAC, learnt by the ping"
has_line "$out" '11\.11\.11\.9 +\(incomplete\) +veth1' \
	"RED: the address nobody answered for is (incomplete)"
is "$(printf '%s\n' "$out" | grep -c '11\.11\.11\.22')" 0 \
	"RED: a noarp entry is not listed (as in /proc/net/arp)"
has_line "$(mine RED 'arp -a')" '\? \(11\.11\.11\.20\) at 02:00:00:00:00:20 \[ether\] PERM on veth1' \
	"RED: arp -a prints the BSD layout, PERM for a permanent entry"
same host 'arp -n'
same host 'arp -an'
is "$(nst -c 'enter RED; arp -n' 2>&1)" "$(in_ns RED arp -n)" \
	"enter RED, then arp -n acts in RED"
is "$(PATH=$TEST_TMP/empty nst -c 'ip netns exec RED arp -n' 2>&1)" \
	"$(in_ns RED arp -n)" "ip netns exec RED arp is nstutor's own (no program needed)"
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED arp -n' 2>&1)
like "$out" '# \(incomplete\): nobody answered' "without --plain, a note says what (incomplete) is"
like "$out" '# Flags C: the MAC address is known; M: a permanent' \
	"and what C and M are"

# --- what nstutor's arp and route do not do --------------------------------

before=$(world_state)
fails_saying "arp -d fails" 'ip netns exec RED arp -d 11.11.11.20' \
	"nstutor's arp does not change the ARP table (-d)." "arp -d says why"
fails_saying "arp -s fails" 'ip netns exec RED arp -s 11.11.11.30 02:00:00:00:00:30' \
	"nstutor's arp does not change the ARP table (-s)." "arp -s says why"
fails_saying "route add fails" 'ip netns exec RED route add default gw 11.11.11.3' \
	"nstutor's route does not change routes (\"route add\")." "route add says why"
fails_saying "route del fails" 'ip netns exec RED route del -net 10.8.0.0 netmask 255.255.0.0' \
	"nstutor's route does not change routes (\"route del\")." "route del -net says why"
is "$(world_state)" "$before" "they change nothing"
like "$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED arp -d 11.11.11.20' 2>&1)" \
	'hint: Use ip neigh' "a hint names ip neigh"
like "$("$NSTUTOR" --world="$NST_WORLD" -c 'route add default gw 11.11.11.3' 2>&1)" \
	'hint: Use ip route' "a hint names ip route"
fails_saying "arp NAME fails" 'arp -n gateway.example' \
	"gateway.example: Unknown host" "arp NAME: nstutor asks no DNS"
fails_as_real "arp -Z" "net-tools'" RED 'arp -Z'
fails_as_real "arp -i without DEV" "net-tools'" RED 'arp -n -i'
fails_as_real "arp -A inet6" "net-tools'" RED 'arp -A inet6'
fails_as_real "route -x" "net-tools'" RED 'route -x'
fails_as_real "route -A foo" "net-tools'" RED 'route -A foo'
fails_saying "route -6 fails" 'route -6' \
	"nstutor's route shows the IPv4 table only." "route -6 says so"
like "$(nst -c help)" '  arp +the ARP table' "help lists arp"
like "$(nst -c help)" '  route +the IPv4 routing table' "help lists route"

done_testing
