# bridge-lab.sh: the tutorial's bridge lab for bridge.sh, ping.sh and
# sysctl.sh (sourced after lib.sh).  RED (reth0 11.11.11.2/24) and BLUE
# (beth0 11.11.11.3/24) are joined by br0 through reth1 and beth1.

bridge_lab_lines() {
	cat <<'LAB'
ip netns add RED
ip netns add BLUE
ip link add reth0 type veth peer name reth1
ip link add beth0 type veth peer name beth1
ip link set reth0 netns RED
ip link set beth0 netns BLUE
ip link add br0 type bridge
ip link set reth1 master br0
ip link set beth1 master br0
ip -n RED addr add 11.11.11.2/24 dev reth0
ip -n BLUE addr add 11.11.11.3/24 dev beth0
ip -n RED link set reth0 up
ip -n BLUE link set beth0 up
ip -n RED link set lo up
ip -n BLUE link set lo up
ip link set br0 up
ip link set reth1 up
ip link set beth1 up
LAB
}

# Is the lab there, as the real ip sees it?
bridge_lab_ok() {
	[ "$(ip -j link show master br0 | jq length)" = 2 ] &&
		in_ns RED ip -br addr show reth0 | grep -q '11.11.11.2/24' &&
		in_ns BLUE ip -br addr show beth0 | grep -q 'UP.*11.11.11.3/24'
}

# Builds it with nstutor's own ip when that works, else with the real ip
# (nstutor's ip is tested elsewhere; these tests are about bridge, sysctl
# and ping).
build_bridge_lab() {
	if bridge_lab_lines | nst_script >/dev/null 2>&1 && bridge_lab_ok; then
		diag "lab built by nstutor"
	else
		world_reset
		bridge_lab_lines | while read -r line; do $line; done
		diag "lab built by the real ip"
	fi
	bridge_lab_ok
	ok $? "the bridge lab is up"
}

# world_state without what moves by itself in a live lab: bridge timers
# and IPv6 autoconfiguration (addresses, routes and neighbours).
lab_state() {
	local ns
	for ns in host $(ip netns list | cut -d' ' -f1 | sort); do
		echo "== $ns"
		in_ns "$ns" ip -d -j link show | jq -S 'map(del(.stats64, .stats)) |
			walk(if type == "object" then
				with_entries(select(.key | test("timer") | not))
			else . end)'
		in_ns "$ns" ip -4 -j addr show | jq -S .
		in_ns "$ns" ip -4 -j route show table all | jq -S .
		in_ns "$ns" ip -4 -j neigh show | jq -S 'map(del(.state))'
	done
	ls -a /run/netns
}
