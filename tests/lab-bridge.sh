#!/bin/bash
# lab-bridge.sh: tutorial 3's lab 2 (RED and BLUE through br0), built by
# nstutor -f from the tutorial's own lines, then again with each veth end
# created directly in its namespace; checked with the real ip and bridge.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/labs/checks.sh"

# check_bridge_lab: everything the tutorial's pictures show, and a ping.
check_bridge_lab() {
	local mac_red mac_blue fdb

	is "$(in_ns host ip netns list | cut -d' ' -f1 | sort | tr '\n' ' ')" "BLUE RED " \
		"the real ip netns list sees RED and BLUE"
	is "$(ns_links host)" "beth1 br0 lo reth1 " \
		"the host holds br0, reth1, beth1 and its lo"
	is "$(ns_links RED)" "lo reth0 " "RED holds lo and reth0"
	is "$(ns_links BLUE)" "beth0 lo " "BLUE holds lo and beth0"
	check_link host br0 bridge -
	check_link host reth1 veth br0
	check_link host beth1 veth br0
	check_link RED reth0 veth -
	check_link BLUE beth0 veth -
	check_peers RED reth0 host reth1
	check_peers BLUE beth0 host beth1
	check_addr RED reth0 11.11.11.2/24
	check_addr BLUE beth0 11.11.11.3/24
	is "$(in_ns host bridge -j link show | jq -r '.[] | "\(.ifname) \(.master) \(.state)"' |
		sort | tr '\n' ' ')" \
		"beth1 br0 forwarding reth1 br0 forwarding " \
		"the real bridge link show: reth1 and beth1 forward on br0"
	is "$(lo_state)" "$lo_before" "the host's lo is untouched"

	check_ping_nst RED 11.11.11.3
	check_ping_real RED 11.11.11.3
	mac_red=$(link_json RED reth0 | jq -r .address)
	mac_blue=$(link_json BLUE beth0 | jq -r .address)
	check_neigh RED 11.11.11.3 "$mac_blue"
	fdb=$(in_ns host bridge -j fdb show br br0)
	is "$(jq -r --arg m "$mac_red" '.[] | select(.mac == $m and
		(.flags | index("self") | not)) | "\(.ifname) \(.state)"' <<<"$fdb")" \
		"reth1 " "br0 learned RED's reth0 MAC on reth1"
	is "$(jq -r --arg m "$mac_blue" '.[] | select(.mac == $m and
		(.flags | index("self") | not)) | "\(.ifname) \(.state)"' <<<"$fdb")" \
		"beth1 " "br0 learned BLUE's beth0 MAC on beth1"
	check_looks host RED BLUE
}

lo_before=$(lo_state)
diag "the tutorial's lines: tests/labs/bridge.nst"
build_lab "$top_srcdir/tests/labs/bridge.nst"
check_bridge_lab

world_reset
diag "each veth end made in its namespace: tests/labs/bridge-direct.nst"
build_lab "$top_srcdir/tests/labs/bridge-direct.nst" --plain
check_bridge_lab

done_testing
