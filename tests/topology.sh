#!/bin/bash
# topology.sh: "topology --json" agrees with the real ip, sysctl and
# iptables-nft in every namespace of a lab with a bridge, veth pairs
# across namespaces and to the host, a link down, default routes and a
# masquerade; "topology --dot" is drawn by the real dot.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bridge-lab.sh"
need_tools ip jq dot iptables-nft sysctl
need_nf_tables

build_bridge_lab
# the masquerade: br0 the gateway, the host forwarding and hiding them
ip addr add 11.11.11.1/24 dev br0
ip -n RED route add default via 11.11.11.1
ip -n BLUE route add default via 11.11.11.1 dev beth0
ip -n RED addr add 2001:db8::2/64 dev reth0
ip -n RED -6 route add default via 2001:db8::1 dev reth0
sysctl -qw net.ipv4.ip_forward=1
iptables-nft -P FORWARD DROP
iptables-nft -t nat -A POSTROUTING -s 11.11.11.0/24 ! -o br0 -j MASQUERADE
# a pair between two namespaces; GREEN forwards too
ip netns add GREEN
ip link add gr0 type veth peer name rg0
ip link set gr0 netns GREEN
ip link set rg0 netns RED
ip -n GREEN link set gr0 up
ip -n GREEN addr add 10.7.0.1/30 dev gr0
ip netns exec GREEN sysctl -qw net.ipv4.ip_forward=1
# a pair from the host, its GREEN end DOWN; the host's default route
ip link add up0 type veth peer name uplink0
ip link set uplink0 netns GREEN
ip link set up0 up
ip addr add 10.9.0.1/30 dev up0
ip route add default via 10.9.0.2 dev up0
wait_dad RED BLUE GREEN

json=$(nst -c "topology --json")
ok $? "topology --json exits 0"
printf '%s' "$json" | jq -e .namespaces >/dev/null
ok $? "its JSON parses (jq)"

namespaces="host $(ip netns list | cut -d' ' -f1 | sort)"
is "$(printf '%s' "$json" | jq -r '.namespaces[].name' | sort | xargs)" \
	"$(tr ' ' '\n' <<<"$namespaces" | sort | xargs)" "every namespace, host too"

# model FILTER NS: jq FILTER on namespace NS of the model.
model() {
	printf '%s' "$json" | jq -r --arg ns "$2" \
		".namespaces[] | select(.name == \$ns) | $1"
}

# ns_of_nsid NS ID: the namespace NS calls nsid ID ("host": the one
# without a name; "" when none).
ns_of_nsid() {
	local name
	name=$(in_ns "$1" ip -j netns list-id | jq -r --argjson id "$2" \
		'.[] | select(.nsid == $id) | .name // "host"')
	[ -n "$name" ] && echo "$name"
}

# real_peers NS: "ifname peer-ns/peer-ifname" for each veth in NS.
real_peers() {
	local ns=$1 name index nsid peer
	in_ns "$ns" ip -d -j link show | jq -r '.[] |
		select(.linkinfo.info_kind == "veth") |
		"\(.ifname) \(.link_index // "none") \(.link_netnsid // "self")"' |
	while read -r name index nsid; do
		if [ "$nsid" = self ]; then
			peer=$ns
		else
			peer=$(ns_of_nsid "$ns" "$nsid") || peer="?nsid$nsid"
		fi
		echo "$name $peer/$(in_ns "$peer" ip -j link show |
			jq -r --argjson i "$index" '.[] | select(.ifindex == $i) | .ifname')"
	done | sort
}

links_filter='.[] | [.ifindex, .ifname, (.flags | index("UP") != null),
	(.flags | index("LOWER_UP") != null), (.master // "-"),
	(if .link_type == "loopback" then "-" else .address end)] | map(tostring) | join(" ")'
for ns in $namespaces; do
	is "$(model '.links[] | [.ifindex, .ifname, .up, .lower_up,
		(.master // "-"), (.address // "-")] | map(tostring) | join(" ")' "$ns" | sort)" \
		"$(in_ns "$ns" ip -j link show | jq -r "$links_filter" | sort)" \
		"$ns: links (ifindex, name, up, carrier, master, MAC) as ip -j link"
	is "$(model '.links[] | .ifname as $n | .addr_info[] |
		"\($n) \(.family) \(.local)/\(.prefixlen)"' "$ns" | sort)" \
		"$(in_ns "$ns" ip -j addr show | jq -r '.[] | .ifname as $n |
			.addr_info[] | "\($n) \(.family) \(.local)/\(.prefixlen)"' | sort)" \
		"$ns: addresses with prefixes as ip -j addr"
	is "$(model '.links[] | select(.peer) |
		"\(.ifname) \(.peer.namespace)/\(.peer.ifname)"' "$ns" | sort)" \
		"$(real_peers "$ns")" \
		"$ns: every veth's peer as ip -d link's link_index/link_netnsid"
	is "$(model '.default_routes[] | "\(.family) \(.gateway // "-") \(.dev // "-")"' "$ns" | sort)" \
		"$( (in_ns "$ns" ip -4 -j route show default | jq -r '.[] | "inet \(.gateway // "-") \(.dev // "-")"'
		     in_ns "$ns" ip -6 -j route show default | jq -r '.[] | "inet6 \(.gateway // "-") \(.dev // "-")"') | sort)" \
		"$ns: default routes as ip route show default"
	fwd=$(in_ns "$ns" sysctl -n net.ipv4.ip_forward)
	is "$(model .ip_forward "$ns")" "$fwd" "$ns: ip_forward as sysctl"
	if [ "$ns" = host ] || [ "$fwd" = 1 ]; then
		is "$(model .forward_policy "$ns")" \
			"$(in_ns "$ns" iptables-nft -S FORWARD | sed -n 's/^-P FORWARD //p')" \
			"$ns: FORWARD policy as iptables-nft -S"
	else
		is "$(model .forward_policy "$ns")" null "$ns: FORWARD policy not read"
	fi
	is "$(model '.nat[]' "$ns")" \
		"$(in_ns "$ns" iptables-nft -t nat -S | grep '^-A')" \
		"$ns: nat rules as iptables-nft -t nat -S"
done

# what the lab was made to hold, so the comparisons above are not empty
is "$(model '.links[] | select(.ifname == "reth1") | "\(.master) \(.peer.namespace)/\(.peer.ifname)"' host)" \
	"br0 RED/reth0" "reth1: a port of br0, its peer RED's reth0"
is "$(model '.links[] | select(.ifname == "uplink0") | "\(.up) \(.peer.namespace)/\(.peer.ifname)"' GREEN)" \
	"false host/up0" "uplink0: DOWN, its peer the host's up0"
is "$(model '.links[] | select(.ifname == "rg0") | .peer.namespace' RED)" \
	GREEN "rg0: its peer in GREEN"
is "$(model '"\(.ip_forward) \(.forward_policy) \(.nat | length)"' host)" \
	"1 DROP 1" "host: forwarding, FORWARD DROP, one nat rule"
is "$(model '.default_routes | map("\(.family) \(.gateway)") | join(",")' RED)" \
	"inet 11.11.11.1,inet6 2001:db8::1" "RED: both default routes"

# DOT: the real dot draws it, every link named
dot=$(nst -c "topology --dot")
ok $? "topology --dot exits 0"
svg=$(printf '%s' "$dot" | dot -Tsvg 2>&1)
ok $? "dot -Tsvg accepts it"
missing=
for ns in $namespaces; do
	for dev in $(in_ns "$ns" ip -j link show | jq -r '.[].ifname'); do
		printf '%s' "$svg" | grep -qF "<title>$ns/$dev</title>" ||
			missing="$missing $ns/$dev"
	done
done
is "$missing" "" "the SVG has a node for every link"
is "$(printf '%s\n' "$dot" | grep -c -- ' -- ')" 6 \
	"6 edges: 4 veth pairs (each once), 2 bridge ports"
like "$(printf '%s\n' "$dot" | grep -F '"host/up0" -- "GREEN/uplink0"')" \
	'style=dashed' "the pair with an end down is dashed"

# a bad option: an error, exit 1, nothing on stdout
out=$(nst -c "topology --bad" 2>"$TEST_TMP/err")
is "$?" 1 "topology --bad exits 1"
is "$out" "" "and writes nothing on stdout"
like "$(head -1 "$TEST_TMP/err")" 'unknown option "--bad"' "but says why"

done_testing
