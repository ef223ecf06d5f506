# checks.sh: what the lab tests ask the real ip/bridge about a built lab.
#
# Sourced after tests/lib.sh.  Every check reads the kernel through the
# real tools' JSON output (ip -j, bridge -j), never through nstutor.

# link_json NS DEV: the real "ip -j -d link show dev DEV" object, or "".
link_json() {
	in_ns "$1" ip -j -d link show dev "$2" 2>/dev/null | jq -c '.[0] // empty'
}

# ns_links NS: the names of NS's links, sorted, on one line.
ns_links() {
	in_ns "$1" ip -j link show 2>/dev/null | jq -r '.[].ifname' | sort | tr '\n' ' '
}

# check_link NS DEV KIND MASTER: DEV sits in NS, is of KIND, is UP (the
# flag and the carrier), and has MASTER ("-": none).
check_link() {
	local ns=$1 dev=$2 kind=$3 master=$4 j
	j=$(link_json "$ns" "$dev")
	if [ -z "$j" ]; then
		ok 1 "$dev exists in $ns"
		return
	fi
	ok 0 "$dev exists in $ns"
	is "$(jq -r '.linkinfo.info_kind // "none"' <<<"$j")" "$kind" \
		"$dev is a $kind"
	is "$(jq -r '(.flags | index("UP") != null) and .operstate == "UP"' \
		<<<"$j")" true "$dev is UP and its carrier is on"
	is "$(jq -r '.master // "-"' <<<"$j")" "$master" \
		"$dev's master is $master"
}

# check_peers NS1 DEV1 NS2 DEV2: the two are the ends of one veth pair,
# in different namespaces (each names the other's ifindex and a netnsid).
check_peers() {
	local a b
	a=$(link_json "$1" "$2")
	b=$(link_json "$3" "$4")
	is "$(jq -r '.link_index' <<<"$a") $(jq -r '.link_index' <<<"$b")" \
		"$(jq -r '.ifindex' <<<"$b") $(jq -r '.ifindex' <<<"$a")" \
		"$1 $2 and $3 $4 are the two ends of one veth pair"
	is "$(jq -r 'has("link_netnsid")' <<<"$a") $(jq -r 'has("link_netnsid")' <<<"$b")" \
		"true true" "$2's peer lives in another namespace, and $4's too"
}

# check_addr NS DEV CIDR: DEV's only IPv4 address is CIDR.
check_addr() {
	local got
	got=$(in_ns "$1" ip -j addr show dev "$2" 2>/dev/null |
		jq -r '.[0].addr_info[]? | select(.family == "inet") |
			"\(.local)/\(.prefixlen)"' | tr '\n' ' ')
	is "$got" "$3 " "$2 in $1 has $3"
}

# check_ping_nst FROM ADDR: nstutor's ping from FROM reaches ADDR, printed
# the way iputils prints it.
check_ping_nst() {
	local out rc
	out=$(timeout 30 "${NST_ARGV[@]}" --plain \
		-c "ip netns exec $1 ping -c 2 $2" 2>"$TEST_TMP/ping.err")
	rc=$?
	is "$rc" 0 "nstutor: ip netns exec $1 ping -c 2 $2 succeeds"
	like "$out" "2 packets transmitted, 2 received, 0% packet loss" \
		"nstutor's ping says 2 received"
	like "$out" "64 bytes from $2: icmp_seq=1 ttl=64 time=[0-9.]+ ms" \
		"nstutor's ping prints iputils' reply lines"
	is "$(head -1 <<<"$out")" \
		"$(in_ns "$1" ping -c 1 -W 1 "$2" 2>&1 | head -1)" \
		"nstutor's first ping line is iputils'"
	is "$(cat "$TEST_TMP/ping.err")" "" "nstutor's ping writes no error"
}

# check_ping_real FROM ADDR: the real ping from FROM reaches ADDR.
check_ping_real() {
	local out
	out=$(in_ns "$1" ping -c 2 -W 1 "$2" 2>&1)
	like "$out" " 2 received" "the real ip netns exec $1 ping -c 2 $2 gets 2 replies"
}

# check_neigh NS ADDR MAC: NS's ARP table maps ADDR to MAC (after a ping).
check_neigh() {
	is "$(in_ns "$1" ip -j neigh show "$2" | jq -r '.[0].lladdr // "none"')" \
		"$3" "$1 learned $2 is at $3"
}

# lo_state: the host's lo as the real ip sees it, without counters.
lo_state() {
	in_ns host ip -d -j link show dev lo | jq -S -c 'map(del(.stats64, .stats))'
	in_ns host ip -j addr show dev lo | jq -S -c .
}

# build_lab FILE [--plain]: runs nstutor -f FILE in the host world and
# checks that it succeeded without an error; with --plain, that it printed
# nothing at all, as the real ip prints nothing for these lines.
build_lab() {
	local rc
	# shellcheck disable=SC2086 # $2 is one option or nothing
	timeout 60 "${NST_ARGV[@]}" ${2:-} -f "$1" >"$TEST_TMP/build.out" \
		2>"$TEST_TMP/build.err"
	rc=$?
	is "$rc" 0 "nstutor --world=$NST_WORLD ${2:+$2 }-f $(basename "$1") succeeds"
	is "$(cat "$TEST_TMP/build.err")" "" "and writes no error"
	if [ -n "${2:-}" ]; then
		is "$(cat "$TEST_TMP/build.out")" "" "and, like ip, prints nothing"
	fi
}

# settle: waits (up to 5 s) until no address in the world is still
# tentative (IPv6 DAD), so that two looks at the world see the same.
settle() {
	local ns _
	for _ in $(seq 50); do
		for ns in host $(in_ns host ip netns list | cut -d' ' -f1); do
			in_ns "$ns" ip -j addr show | grep -q '"tentative"' && break
		done || return 0
		sleep 0.1
	done
}

# check_looks NS...: in each NS, the tutorial's "look" commands print,
# under nstutor --plain, exactly what the real tools print.  The real tool
# runs just before and just after nstutor: a neighbour may go from
# REACHABLE to STALE in between, and either is then right.
check_looks() {
	local ns c mine before after
	settle
	for ns in "$@"; do
		for c in "ip netns list" "ip -br link" "ip -br addr" "ip a" \
			"ip link show" "ip route show" "ip neigh show" \
			"bridge fdb show" "bridge link show"; do
			# shellcheck disable=SC2086 # $c is the command's words
			before=$(in_ns "$ns" $c 2>&1)
			if [ "$ns" = host ]; then
				mine=$(nst -c "$c" 2>&1)
			else
				mine=$(nst -c "ip netns exec $ns $c" 2>&1)
			fi
			# shellcheck disable=SC2086
			after=$(in_ns "$ns" $c 2>&1)
			[ "$mine" = "$before" ] && after=$before
			is "$mine" "$after" "$ns: $c prints what the real tool prints"
		done
	done
}
