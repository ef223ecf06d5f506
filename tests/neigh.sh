#!/bin/bash
# neigh.sh: "ip neigh" — the ARP table after real pings, permanent entries
# added and removed, flush — against the real iproute2 on the same world,
# and bad input that fails with iproute2's words and changes nothing.
. "${top_srcdir:-.}/tests/lib.sh"

# RED and BLUE joined by one veth pair, built with the real ip; IPv6 off
# so that only ARP fills the tables.
for ns in RED BLUE; do ip netns add "$ns"; done
for ns in host RED BLUE; do
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	in_ns "$ns" ip link set lo up
done
ip link add veth0 netns RED type veth peer name veth1 netns BLUE
ip -n RED addr add 11.11.11.2/24 dev veth0
ip -n BLUE addr add 11.11.11.3/24 dev veth1
ip -n RED link set veth0 up
ip -n BLUE link set veth1 up

# same NS ARGS: nstutor's "ip -n NS neigh ARGS" is the real one's.
same() {
	local ns=$1
	shift
	is "$(nst -c "ip -n $ns neigh $*" 2>&1)" "$(ip -n "$ns" neigh "$@" 2>&1)" \
		"ip -n $ns neigh $*: as iproute2 prints it"
}

is "$(nst -c 'ip -n RED neigh show')" "" "an empty ARP table prints nothing"
out=$("$NSTUTOR" --world=host -c 'ip -n RED neigh' 2>&1)
like "$out" '^# the ARP table is empty: no neighbour.s address was asked for here lately \(a ping to one fills it\)' \
	"without --plain, a note says why it is empty"

# A real ping fills both tables.
ip netns exec RED ping -c1 -W2 11.11.11.3 >/dev/null
ok $? "the real ping RED -> BLUE works"
same RED show
same BLUE show
same RED
same BLUE show dev veth1
is "$(nst -c 'ip -n RED n')" "$(ip -n RED neigh show)" "ip n is ip neigh show"
like "$(nst -c 'ip -n RED neighbour show')" \
	"^11\.11\.11\.3 dev veth0 lladdr ([0-9a-f]{2}:){5}[0-9a-f]{2} (REACHABLE|STALE|DELAY) $" \
	"the line carries BLUE's MAC and a state"
is "$(nst -c 'ip -n RED neigh show' | awk '{print $5}')" \
	"$(ip -n BLUE -j link show veth1 | jq -r '.[0].address')" \
	"the MAC RED learnt is veth1's"

# Nobody answers for 11.11.11.9: after the probes the entry is FAILED.
ip netns exec RED ping -c1 -W1 11.11.11.9 >/dev/null 2>&1
for _ in 1 2 3 4 5 6 7 8; do
	ip -n RED neigh show 11.11.11.9 | grep -q FAILED && break
	sleep 1
done
same RED show
like "$(nst -c 'ip -n RED neigh show 11.11.11.9')" '^11\.11\.11\.9 dev veth0  ?(FAILED|INCOMPLETE) $' \
	"an unanswered address shows without lladdr"
out=$("$NSTUTOR" --world=host -c 'ip -n RED neigh show' 2>&1)
like "$out" '# FAILED / INCOMPLETE: nobody answered' "and a note explains it"

# Permanent entries, added and removed by nstutor.
nst -c 'ip -n RED neigh add 11.11.11.20 lladdr 02:00:00:00:00:20 dev veth0'
ok $? "add IP lladdr MAC dev DEV"
is "$(ip -n RED -j neigh show 11.11.11.20 | jq -c '.[0] | [.lladdr, .state]')" \
	'["02:00:00:00:00:20",["PERMANENT"]]' "the kernel holds a PERMANENT entry"
nst -c 'ip -n RED neigh replace 11.11.11.20 lladdr 02:00:00:00:00:21 dev veth0 nud reachable'
ok $? "replace with another MAC and nud reachable"
is "$(ip -n RED -j neigh show 11.11.11.20 | jq -c '.[0] | [.lladdr, .state]')" \
	'["02:00:00:00:00:21",["REACHABLE"]]' "the kernel holds the new MAC, REACHABLE"
nst -c 'ip -n RED neigh add 11.11.11.21 lladdr 02:00:00:00:00:22 dev veth0 nud stale'
ok $? "add with nud stale"
nst -c 'ip -n RED neigh add 11.11.11.22 lladdr 02:00:00:00:00:23 dev veth0 nud noarp'
ok $? "add with nud noarp"
nst -c 'ip -n RED neigh add 11.11.11.23 lladdr 02:00:00:00:00:24 dev veth0 nud permanent'
ok $? "add with nud permanent"
is "$(ip -n RED -j neigh show 11.11.11.21 | jq -r '.[0].state[0]')" STALE \
	"the kernel holds the STALE entry"
same RED show
same RED show dev veth0
same RED show nud permanent
same RED show nud all
same RED show 11.11.11.20/31
is "$(nst -c 'ip -n RED -br neigh')" "$(ip -n RED -br neigh)" \
	"ip -br neigh as iproute2 prints it"
is "$(nst -c 'ip -n RED -br neigh show dev veth0')" "$(ip -n RED -br neigh show dev veth0)" \
	"ip -br neigh show dev veth0 as iproute2 prints it"
is "$(nst -c 'ip -n RED -br route')" "$(ip -n RED -br route)" \
	"ip -br route: -br changes nothing, as in iproute2"
nst -c 'ip -n RED neigh del 11.11.11.23 dev veth0'
ok $? "del IP dev DEV"
is "$(ip -n RED -j neigh show 11.11.11.23 | jq length)" 0 "the entry is gone"

# flush forgets what was learnt, not what was added for good.
nst -c 'ip -n RED neigh add 11.11.11.24 lladdr 02:00:00:00:00:25 dev veth0'
nst -c 'ip -n RED neigh flush dev veth0'
ok $? "flush dev veth0"
is "$(ip -n RED -j neigh show dev veth0 nud all | jq -r '[.[] | .dst + "=" + .state[0]] | sort | join(" ")')" \
	"11.11.11.22=NOARP 11.11.11.24=PERMANENT" \
	"only the permanent and noarp entries are left"
ip netns exec BLUE ping -c1 -W2 11.11.11.2 >/dev/null
nst -c 'ip -n BLUE neigh flush all'
ok $? "flush all"
is "$(ip -n BLUE -j neigh show | jq length)" 0 "BLUE's learnt entry is gone"

# Bad input: exit status 1, iproute2's words (checked against the real
# ip too), a hint, and nothing changed.
ip_refused_like_real 'Device and destination are required arguments.' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:00:00:00:00:30'
ip_refused_like_real 'Device and destination are required arguments.' \
	'ip -n RED neigh add lladdr 02:00:00:00:00:30 dev veth0'
ip_refused_like_real 'Device and destination are required arguments.' \
	'ip -n RED neigh del 11.11.11.22'
nst -c 'ip -n RED neigh add 11.11.11.31 dev veth0' 2>/dev/null
is "$(ip -n RED neigh show nud all to 11.11.11.31)" "" \
	"a refused add leaves no empty (NONE) entry behind"
ip_refused_like_real 'Error: No link layer address given.' \
	'ip -n RED neigh add 11.11.11.30 dev veth0'
ip_refused_like_real '"zz" is invalid lladdr.' \
	'ip -n RED neigh add 11.11.11.30 lladdr zz:00:00:00:00:30 dev veth0'
ip_refused_like_real '"123" is invalid lladdr.' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:123:00:00:00:30 dev veth0'
ip_refused_like_real 'Error: Invalid link address.' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:00 dev veth0'
ip_refused_like_real 'Error: any valid address is expected rather than "11.11.11.300".' \
	'ip -n RED neigh add 11.11.11.300 lladdr 02:00:00:00:00:30 dev veth0'
ip_refused_like_real 'Error: argument "sleepy" is wrong: nud state is bad' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:00:00:00:00:30 dev veth0 nud sleepy'
ip_refused_like_real 'Cannot find device "veth9"' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:00:00:00:00:30 dev veth9'
ip_refused_like_real 'RTNETLINK answers: File exists' \
	'ip -n RED neigh add 11.11.11.22 lladdr 02:00:00:00:00:30 dev veth0'
ip_refused_like_real 'RTNETLINK answers: No such file or directory' \
	'ip -n RED neigh del 11.11.11.99 dev veth0'
ip_refused_like_real 'Error: duplicate "lladdr": "02:00:00:00:00:31" is the second value.' \
	'ip -n RED neigh add 11.11.11.30 lladdr 02:00:00:00:00:30 lladdr 02:00:00:00:00:31 dev veth0'
ip_refused_like_real 'Flush requires arguments.' 'ip -n RED neigh flush'
ip_refused_like_real 'Cannot find device "veth9"' 'ip -n RED neigh show dev veth9'
ip_refused_like_real 'Command "frob" is unknown, try "ip neigh help".' 'ip -n RED neigh frob'

done_testing
