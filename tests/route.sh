#!/bin/bash
# route.sh: "ip route" — show, add, delete, replace, flush and get — against
# the real iproute2 on the same world: --plain output must be identical,
# the kernel must hold what was asked (ip -j route), and bad input must
# fail with iproute2's words and change nothing.
. "${top_srcdir:-.}/tests/lib.sh"

# The labs, built with the real ip: the tutorial's red namespace behind
# veth1-red (10.16.0.2/24, the host is 10.16.0.1), and RED/BLUE joined by
# one veth pair (11.11.11.2/24, 11.11.11.3/24).  IPv6 stays off so that
# nothing changes by itself while the test looks.
for ns in red RED BLUE; do ip netns add "$ns"; done
for ns in host red RED BLUE; do
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	in_ns "$ns" ip link set lo up
done
ip link add veth1-red netns red type veth peer name veth-red
ip addr add 10.16.0.1/24 dev veth-red
ip link set veth-red up
ip -n red addr add 10.16.0.2/24 dev veth1-red
ip -n red link set veth1-red up
ip link add veth0 netns RED type veth peer name veth1 netns BLUE
ip -n RED addr add 11.11.11.2/24 dev veth0
ip -n BLUE addr add 11.11.11.3/24 dev veth1
ip -n RED link set veth0 up
ip -n BLUE link set veth1 up
ip -n RED link add dummy0 type dummy 2>/dev/null ||
	ip -n RED link add dummy0 type veth peer name dummy1
ip -n RED addr add 12.12.12.1/24 dev dummy0 # dummy0 stays down

# same_show NS ARGS: nstutor's "ip -n NS route ARGS" is the real one's.
same_show() {
	local ns=$1
	shift
	is "$(nst -c "ip -n $ns route $*" 2>&1)" "$(ip -n "$ns" route "$@" 2>&1)" \
		"ip -n $ns route $*: as iproute2 prints it"
}

for ns in host red RED BLUE; do
	if [ "$ns" = host ]; then
		is "$(nst -c 'ip route show')" "$(ip route show)" \
			"host: ip route show as iproute2 prints it"
	else
		same_show "$ns" show
	fi
done

# The tutorial's line, as typed there.
nst -c 'ip -n red route add 0.0.0.0/0 via 10.16.0.1 dev veth1-red'
ok $? "the tutorial's default route is added"
is "$(ip -n red -j route show default | jq -r '.[0].gateway + " " + .[0].dev')" \
	"10.16.0.1 veth1-red" "the kernel holds default via 10.16.0.1 dev veth1-red"
is "$(nst -c 'ip -n red route')" "default via 10.16.0.1 dev veth1-red 
10.16.0.0/24 dev veth1-red proto kernel scope link src 10.16.0.2 " \
	"ip route shows the tutorial's default route line"
same_show red show
same_show red list table main

# Prefixes via a gateway, on a device, with metric, src, scope and proto.
nst -c 'ip -n RED route add 10.0.0.0/8 via 11.11.11.3'
ok $? "add CIDR via IP"
nst -c 'ip -n RED r a 172.16.0.0/16 dev veth0'
ok $? "add CIDR dev DEV (abbreviated: ip r a)"
nst -c 'ip -n RED route add 192.168.7.0/24 via 11.11.11.3 dev veth0 metric 100 proto static'
ok $? "add with metric and proto"
nst -c 'ip -n RED route add 192.168.8.0/24 dev veth0 src 11.11.11.2 scope link'
ok $? "add with src and scope"
nst -c 'ip -n RED route add default via 11.11.11.3'
ok $? "add default via IP"
is "$(ip -n RED -j route show 10.0.0.0/8 | jq -r '.[0].gateway + " " + .[0].dev')" \
	"11.11.11.3 veth0" "the kernel holds 10.0.0.0/8 via 11.11.11.3 dev veth0"
is "$(ip -n RED -j route show 172.16.0.0/16 | jq -r '.[0].scope + " " + .[0].dev')" \
	"link veth0" "a dev route gets scope link, as with iproute2"
is "$(ip -n RED -j route show 192.168.7.0/24 | jq -r '(.[0].metric|tostring) + " " + .[0].protocol')" \
	"100 static" "metric and proto reach the kernel"
is "$(ip -n RED -j route show 192.168.8.0/24 | jq -r '.[0].prefsrc')" \
	"11.11.11.2" "src reaches the kernel"
for args in show "" list "show dev veth0" "show default" "show 10.0.0.0/8" \
	"show root 10.0.0.0/8" "show match 10.1.2.3" "show table all" \
	"show table local" "show proto kernel" "show scope link" "show exact 172.16.0.0/16"; do
	same_show RED $args
done
is "$(nst -c 'ip -n RED -4 route show')" "$(ip -n RED -4 route show)" \
	"ip -4 route show as iproute2 prints it"

# replace, append and change.
nst -c 'ip -n RED route replace 10.0.0.0/8 dev veth0'
ok $? "replace an existing route"
is "$(ip -n RED -j route show 10.0.0.0/8 | jq -r '.[0].gateway // "none"')" \
	"none" "replace took the gateway away"
nst -c 'ip -n RED route replace 10.0.0.0/8 via 11.11.11.3'
same_show RED show
nst -c 'ip -n RED route append 10.0.0.0/8 via 11.11.11.3 metric 7'
ok $? "append one more route for a prefix"
is "$(ip -n RED -j route show 10.0.0.0/8 | jq length)" 2 "two routes for 10.0.0.0/8"
same_show RED show

# delete, with and without the details, and an abbreviation.
nst -c 'ip -n RED route del 10.0.0.0/8 via 11.11.11.3 metric 7'
ok $? "delete the appended route by its metric"
nst -c 'ip -n RED route delete 10.0.0.0/8'
ok $? "delete a prefix"
nst -c 'ip -n RED r d 172.16.0.0/16'
ok $? "delete abbreviated (ip r d)"
is "$(ip -n RED -j route show | jq -r '[.[].dst] | join(" ")')" \
	"default 11.11.11.0/24 192.168.7.0/24 192.168.8.0/24" \
	"the kernel no longer holds the deleted routes"
nst -c 'ip -n RED route del default'
ok $? "delete the default route"
is "$(ip -n RED -j route show default | jq length)" 0 "no default route in RED"

# get: the kernel's answer, printed as iproute2 prints it.
for q in "11.11.11.3" "11.11.11.2" "127.0.0.1" "192.168.7.9" "192.168.8.1" \
	"to 11.11.11.3" "11.11.11.3 from 11.11.11.2" "11.11.11.3 oif veth0" \
	"11.11.11.3 fibmatch"; do
	same_show RED get $q
done
same_show red get 8.8.8.8
is "$(nst -c 'ip route get 10.16.0.2')" "$(ip route get 10.16.0.2)" \
	"host: ip route get 10.16.0.2 as iproute2 prints it"
same_show BLUE get 11.11.11.2

# flush dev DEV.
nst -c 'ip -n RED route add 192.168.9.0/24 dev veth0'
nst -c 'ip -n RED route flush dev veth0 proto boot'
ok $? "flush dev veth0 proto boot"
is "$(ip -n RED -j route show dev veth0 | jq -r '[.[].dst] | join(" ")')" \
	"11.11.11.0/24 192.168.7.0/24" \
	"flush removed the boot routes of veth0 and kept the others"
same_show RED show

# Notes for learners, only without --plain.
out=$("$NSTUTOR" --world=host -c 'ip -n RED route show' 2>&1)
like "$out" '# packets for 11.11.11.0/24 leave through veth0' \
	"without --plain, a note says where packets leave"
out=$("$NSTUTOR" --world=host -c 'ip -n red route show' 2>&1)
like "$out" '# packets for anywhere else go to the gateway 10.16.0.1 through veth1-red' \
	"and where the default route sends them"

# Bad input: exit status 1, iproute2's words, a hint, nothing changed.
ip_refused_like_real 'Error: any valid prefix is expected rather than "1.2.3.4/33".' \
	'ip -n RED route add 1.2.3.4/33 dev veth0'
ip_refused_like_real 'Error: any valid prefix is expected rather than "999.1.1.1".' \
	'ip -n RED route add 999.1.1.1 dev veth0'
ip_refused_like_real 'Error: inet prefix is expected rather than "zzz".' \
	'ip -n RED -4 route add zzz dev veth0'
ip_refused_like_real 'Error: inet address is expected rather than "x".' \
	'ip -n RED route add 10.0.0.0/8 via x'
ip_refused_like_real 'Error: Nexthop has invalid gateway.' \
	'ip -n RED route add 10.0.0.0/8 via 12.0.0.1'
ip_refused_like_real 'Cannot find device "veth9"' \
	'ip -n RED route add 10.0.0.0/8 via 11.11.11.3 dev veth9'
ip_refused_like_real 'RTNETLINK answers: File exists' \
	'ip -n red route add default via 10.16.0.1'
ip_refused_like_real 'RTNETLINK answers: No such process' \
	'ip -n RED route del 20.0.0.0/8'
ip_refused_like_real 'Error: Device for nexthop is not up.' \
	'ip -n RED route add 13.0.0.0/8 dev dummy0'
ip_refused_like_real 'RTNETLINK answers: No such device' \
	'ip -n RED route add 23.0.0.0/8'
ip_refused_like_real 'Error: argument "abc" is wrong: "metric" value is invalid' \
	'ip -n RED route add 24.0.0.0/8 dev veth0 metric abc'
ip_refused_like_real 'Error: either "to" is duplicate, or "25.0.0.0/8" is a garbage.' \
	'ip -n RED route add 24.0.0.0/8 25.0.0.0/8 dev veth0'
ip_refused_like_real 'Command line is not complete. Try option "help"' \
	'ip -n RED route add 24.0.0.0/8 via'
ip_refused_like_real 'Command "frobnicate" is unknown, try "ip route help".' \
	'ip -n RED route frobnicate'
ip_refused_like_real '"ip route flush" requires arguments.' 'ip -n RED route flush'
ip_refused_like_real 'need at least a destination address' 'ip -n RED route get'
ip_refused_like_real 'Error: any valid prefix is expected rather than "nowhere".' \
	'ip -n RED route get nowhere'
ip_refused_like_real 'RTNETLINK answers: Network is unreachable' 'ip -n RED route get 8.8.8.8'

# IPv6 routes print as iproute2 prints them (pref medium, no trailing
# space), in a namespace of their own so the tests above stay still.
ip netns add V6
ip -n V6 link add v6a type veth peer name v6b
ip -n V6 link set v6a up
ip -n V6 link set v6b up
ip -n V6 addr add 2001:db8::1/64 dev v6a nodad
is "$(nst -c 'ip -n V6 -6 route show')" "$(ip -n V6 -6 route show)" \
	"ip -6 route show as iproute2 prints it"
is "$(nst -c 'ip -n V6 -6 route get 2001:db8::5')" "$(ip -n V6 -6 route get 2001:db8::5)" \
	"ip -6 route get as iproute2 prints it"
nst -c 'ip -n V6 route add 2001:db8:1::/48 via 2001:db8::2'
ok $? "an IPv6 route via a gateway"
is "$(nst -c 'ip -n V6 -6 route show')" "$(ip -n V6 -6 route show)" \
	"and it shows as iproute2 shows it"

done_testing
