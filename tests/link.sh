#!/bin/bash
# link.sh: "ip link" in nstutor: the tutorials' veth and bridge labs, output
# byte for byte like iproute2, and bad input that changes nothing.
. "${top_srcdir:-.}/tests/lib.sh"

# -- The veth lab (tutorial: RED <-> BLUE over one veth pair) --
nst_script <<'LAB'
ip netns add RED
ip netns add BLUE
ip link add veth0 type veth peer name veth1
ip link set veth0 netns RED
ip link set veth1 netns BLUE
ip -n RED link set veth0 up
ip -n BLUE link set veth1 up
ip -n RED link set lo up
ip -n RED addr add 11.11.11.2/24 dev veth0
ip -n BLUE addr add 11.11.11.3/24 dev veth1
LAB
ok $? "the veth lab's lines run"
is "$(ip -n RED -j link show veth0 | jq -r '.[0].operstate')" UP "veth0 is UP in RED"
is "$(ip -n BLUE -j link show veth1 | jq -r '.[0].link_netnsid')" 0 "veth1's peer is in another namespace"
is "$(ip -n RED -j addr show veth0 | jq -r '.[0].addr_info[] | select(.family=="inet") | "\(.local)/\(.prefixlen)"')" \
	11.11.11.2/24 "RED's veth0 has 11.11.11.2/24"
is "$(ip -j link | jq -r '[.[].ifname] | join(" ")')" lo "the host keeps only lo"
wait_dad RED BLUE
for ns in host RED BLUE; do
	same_as_ip $ns -br link
	same_as_ip $ns -br addr
	same_as_ip $ns link show
	same_as_ip $ns addr show
	same_as_ip $ns -4 addr
done
same_as_ip RED link show dev veth0
same_as_ip RED link show veth0
same_as_ip BLUE -d link show veth1
world_reset

# -- The bridge lab: each veth end made in its namespace in one request --
nst_script <<'LAB'
ip netns add RED
ip netns add BLUE
ip link add br0 type bridge
ip link add reth1 type veth peer name reth0 netns RED
ip link add beth1 type veth peer name beth0 netns BLUE
ip link set reth1 master br0 up
ip link set beth1 master br0 up
ip link set br0 up
ip netns exec RED ip link set reth0 up
ip -n BLUE link set beth0 up
ip -n RED addr add 11.11.11.2/24 dev reth0
ip -n BLUE addr add 11.11.11.3/24 dev beth0
LAB
ok $? "the bridge lab's lines run"
is "$(ip -j link show master br0 | jq -r '[.[].ifname] | sort | join(" ")')" "beth1 reth1" \
	"reth1 and beth1 are ports of br0"
is "$(ip -j -d link show br0 | jq -r '.[0].linkinfo.info_kind')" bridge "br0 is a bridge"
is "$(ip -n RED -j -d link show reth0 | jq -r '.[0].linkinfo.info_kind')" veth "reth0 is a veth in RED"
is "$(ip -n RED -j link show reth0 | jq -r '.[0].operstate')" UP "reth0 is UP"
wait_dad RED BLUE
for ns in host RED BLUE; do
	same_as_ip $ns -br link
	same_as_ip $ns -br addr
	same_as_ip $ns link
	same_as_ip $ns addr
	same_as_ip $ns -4 addr
done
same_as_ip host link show dev reth1
same_as_ip host -br link show master br0
same_as_ip host -br link show type bridge_slave
same_as_ip host link show up
same_as_ip host -6 addr
same_as_ip host link lst dev br0
same_as_ip RED link show dev reth0
# -d shows the bridge's timers, which tick between the two runs.
untimed() { sed -E 's/(timer) +[0-9]+\.[0-9]+/\1 T/g'; }
for dev in br0 reth1; do
	is "$(nst -c "ip -d link show $dev" | untimed)" "$(ip -d link show $dev | untimed)" \
		"host: ip -d link show $dev is iproute2's (timers aside)"
done
out=$(nst -c 'ip l' 2>&1)
is "$out" "$(ip link)" "'ip l' is ip link show"

# Abbreviations and a set of several changes in one command.
nst -c 'ip l s reth1 down' && [ "$(ip -j link show reth1 | jq -r '.[0].flags | index("UP")')" = null ]
ok $? "'ip l s reth1 down' sets reth1 down"
nst -c 'ip link set dev reth1 nomaster mtu 1400 address 02:00:00:00:00:11 name rx1 up'
ok $? "set with nomaster, mtu, address, name and up at once"
is "$(ip -j link show rx1 | jq -r '.[0] | "\(.mtu) \(.address) \(.master // "none") \(.operstate)"')" \
	"1400 02:00:00:00:00:11 none UP" "rx1 has all the changes"
nst -c 'ip link set rx1 name reth1 mtu 1500 master br0'
ok $? "and back"
nst -c 'ip -n RED link set reth0 netns BLUE' && ip -n BLUE link show reth0 >/dev/null 2>&1
ok $? "ip -n RED link set reth0 netns BLUE moves it"
nst -c 'ip -n BLUE link set reth0 netns RED'
nst -c 'ip link add vx type veth peer name vy' && nst -c 'ip link del vx' &&
	! ip link show vy >/dev/null 2>&1
ok $? "deleting one end of a veth deletes both"
nst -c 'ip link add br9 type bridge' && nst -c 'ip link delete dev br9'
ok $? "add and delete a bridge"

wait_dad RED BLUE

# -- Bad input: iproute2's message, non-zero status, nothing changed --
ip_refused 'Cannot find device "veth9"' 'ip link set veth9 up'
ip_refused 'Cannot find device "veth9"' 'ip link del veth9'
ip_refused 'Device "veth9" does not exist.' 'ip link show veth9'
ip_refused 'Error: argument "veth0123456789012345" is wrong: "name" not a valid ifname' \
	'ip link add name veth0123456789012345 type veth peer name x'
ip_refused 'Error: Attribute failed policy validation.' \
	'ip link add veth0123456789012345 type veth peer name x'
ip_refused 'Error: argument "yy1234567890123456" is wrong: "name" not a valid ifname' \
	'ip link add zz type veth peer name yy1234567890123456'
ip_refused 'RTNETLINK answers: File exists' 'ip link add reth1 type veth peer name zz'
ip_refused 'RTNETLINK answers: File exists' 'ip link add zz type veth peer name beth1'
ip_refused 'RTNETLINK answers: File exists' 'ip link add br0 type bridge'
ip_refused 'Error: argument "NOPE" is wrong: Invalid "netns" value' 'ip link add zz type veth peer name yy netns NOPE'
ip_refused 'Error: argument "NOPE" is wrong: Invalid "netns" value' 'ip link set reth1 netns NOPE'
ip_refused 'Error: argument "NOPE" is wrong: Device does not exist' 'ip link set reth1 down master NOPE'
ip_refused 'RTNETLINK answers: Operation not supported' 'ip link set reth1 down master beth1'
ip_refused '"zz" is invalid lladdr.' 'ip link set reth1 address zz:11'
ip_refused 'Invalid address length 2 - must be 6 bytes' 'ip link set reth1 down address 11:22'
ip_refused 'Error: argument "abc" is wrong: Invalid "mtu" value' 'ip link set reth1 mtu abc'
ip_refused 'Error: mtu less than device minimum.' 'ip link set reth1 down mtu 10'
ip_refused 'Error: mtu greater than device maximum.' 'ip link set reth1 mtu 100000'
ip_refused 'Error: Unknown device type.' 'ip link add q type foo'
# The kernel brings br8 up before it refuses the master; nstutor undoes it.
ip link add br8 type bridge
ip_refused 'Error: Can not enslave a bridge to a bridge.' 'ip link set br8 up master br0'
ip_refused 'RTNETLINK answers: Cannot assign requested address' \
	'ip link set reth1 mtu 1400 address 01:00:00:00:00:01'
ip_refused 'Not enough information: "type" argument is required' 'ip link add q'
ip_refused 'Command line is not complete. Try option "help"' 'ip link add q type'
ip_refused 'RTNETLINK answers: File exists' 'ip link set reth1 mtu 1400 name beth1'
ip_refused 'Error: either "dev" is duplicate, or "xxx" is a garbage.' 'ip link set reth1 xxx'
ip_refused 'Not enough information: "dev" argument is required.' 'ip link set'
ip_refused 'Not enough information: "dev" argument is required.' 'ip link delete'
ip_refused 'Error: duplicate "mtu": "1300" is the second value.' 'ip link set reth1 mtu 1400 mtu 1300'
ip_refused 'Command "foo" is unknown, try "ip link help".' 'ip link foo'
ip_refused 'Cannot find device "veth9"' 'ip -n RED link set veth9 up'
ip_refused 'Cannot open network namespace "NOPE": No such file or directory' 'ip -n NOPE link'
ip_refused 'Usage: ip link <options> type veth [peer <options>]
To get <options> type '"'ip link add help'" 'ip link add zz type veth foo'
done_testing
