#!/bin/bash
# addr.sh: "ip address" in nstutor: add, delete, show, flush; output byte
# for byte like iproute2; bad input that changes nothing.
. "${top_srcdir:-.}/tests/lib.sh"

v4() { # v4 NS DEV: the IPv4 addresses of DEV, as ip -j says
	in_ns "$1" ip -j -4 addr show dev "$2" |
		jq -r '[(.[0].addr_info // [])[] | "\(.local)/\(.prefixlen)"] | join(" ")'
}

ip netns add RED
ip link add veth0 type veth peer name veth1 netns RED
ip link add br0 type bridge
ip link set br0 up
ip link set veth0 up
ip -n RED link set veth1 up

nst -c 'ip addr add 10.0.0.1/24 dev veth0'
ok $? "ip addr add 10.0.0.1/24 dev veth0"
is "$(v4 host veth0)" 10.0.0.1/24 "veth0 has 10.0.0.1/24"
nst -c 'ip a add 10.0.0.2/24 brd + dev veth0 label veth0:1'
ok $? "ip a add with brd + and a label"
is "$(ip -j addr show veth0 | jq -r '.[0].addr_info[1] | "\(.broadcast) \(.label)"')" \
	"10.0.0.255 veth0:1" "with broadcast 10.0.0.255 and label veth0:1"
nst -c 'ip -n RED address add 10.0.0.3/24 dev veth1'
ok $? "ip -n RED address add"
nst -c 'ip netns exec RED ip a add 10.0.1.3/24 dev veth1'
ok $? "ip netns exec RED ip a add"
is "$(v4 RED veth1)" "10.0.0.3/24 10.0.1.3/24" "veth1 in RED has both"
nst -c 'ip addr add 192.168.5.5/24 broadcast 192.168.5.200 dev br0'
ok $? "ip addr add with broadcast ADDR"
nst -c 'ip addr add fd00::1/64 dev br0'
ok $? "an IPv6 address"
wait_dad RED
for ns in host RED; do
	same_as_ip $ns addr
	same_as_ip $ns -br addr
	same_as_ip $ns -4 addr
	same_as_ip $ns -br -4 a
	same_as_ip $ns a s
	same_as_ip $ns -6 addr
done
same_as_ip host addr show dev veth0
same_as_ip host addr show br0
same_as_ip host -br addr show up
same_as_ip RED -4 a show dev veth1

nst -c 'ip addr del 10.0.0.2/24 dev veth0'
ok $? "ip addr del 10.0.0.2/24 dev veth0"
is "$(v4 host veth0)" 10.0.0.1/24 "only 10.0.0.1/24 is left"
nst -c 'ip a d 10.0.0.1 dev veth0' 2>"$TEST_TMP/err"
ok $? "ip a d without /N deletes too"
like "$(cat "$TEST_TMP/err")" '^Warning: Executing wildcard deletion' "with iproute2's warning"
is "$(v4 host veth0)" "" "veth0 has no IPv4 address"
nst -c 'ip -n RED addr flush dev veth1'
ok $? "ip -n RED addr flush dev veth1"
is "$(ip -n RED -j addr show dev veth1 | jq '.[0].addr_info | length')" 0 "veth1 has no address left"
nst -c 'ip -4 addr flush br0'
is "$(ip -j addr show dev br0 | jq -r '[(.[0].addr_info // [])[].family] | unique | join(" ")')" inet6 \
	"ip -4 addr flush leaves IPv6"

ip addr add 10.0.0.1/24 dev veth0
ip_refused 'Error: any valid prefix is expected rather than "1.2.3.4/33".' 'ip addr add 1.2.3.4/33 dev veth0'
ip_refused 'Error: any valid prefix is expected rather than "999.1.1.1/24".' 'ip addr add 999.1.1.1/24 dev veth0'
ip_refused 'Error: inet prefix is expected rather than "999.1.1.1/24".' 'ip -4 addr add 999.1.1.1/24 dev veth0'
ip_refused 'Error: inet prefix is expected rather than "fe80::1/64".' 'ip -4 addr add fe80::1/64 dev veth0'
ip_refused 'Error: inet6 prefix is expected rather than "1.2.3.4/24".' 'ip -6 addr add 1.2.3.4/24 dev veth0'
ip_refused 'Not enough information: "dev" argument is required.' 'ip addr add 1.2.3.4/24'
ip_refused 'Not enough information: "dev" argument is required.' 'ip addr del 1.2.3.4/24'
ip_refused 'Cannot find device "veth9"' 'ip addr add 1.2.3.4/24 dev veth9'
ip_refused 'Error: either "local" is duplicate, or "xxx" is a garbage.' 'ip addr add 1.2.3.4/24 dev veth0 xxx'
ip_refused 'Error: either "local" is duplicate, or "veth0" is a garbage.' 'ip addr add 192.168.15.1 veth0'
ip_refused 'Error: ipv4: Address already assigned.' 'ip addr add 10.0.0.1/24 dev veth0'
ip_refused 'Error: ipv4: Address not found.' 'ip addr del 1.2.3.4/24 dev veth0'
ip_refused 'Flush requires arguments.' 'ip addr flush'
ip_refused 'Device "veth9" does not exist.' 'ip addr show dev veth9'
ip_refused 'Device "nope" does not exist.' 'ip addr flush dev nope'
ip_refused 'Command "foo" is unknown, try "ip address help".' 'ip addr foo'
ip_refused 'Error: inet address is expected rather than "1.2.3.".' 'ip addr add 1.2.3.4/24 dev veth0 broadcast 1.2.3.'
ip_refused 'Broadcast can be set only for IPv4 addresses' 'ip addr add fd00::5/64 dev veth0 broadcast +'
ip_refused 'Command line is not complete. Try option "help"' 'ip addr add 1.2.3.4/24 dev'
ip_refused 'Error: either "dev" is duplicate, or "br0" is a garbage.' 'ip addr show veth0 br0'
ip_refused 'Cannot find device "veth0"' 'ip -n RED addr add 1.2.3.4/24 dev veth0'
done_testing
