#!/bin/bash
# topo-speed.sh: how long reading the lab and drawing it takes.
#
#   bench/topo-speed.sh build/tests/topo-drive [build/src/nstutor]
#                                               # RUNS=N (default 51)
#
# In a throwaway world (unshare -n -m, a tmpfs on /run/netns), each lab
# in a fresh one of its own, tests/topo-drive runs topo_discover() and
# topo_draw() (into /dev/null) RUNS times in the world's namespaces:
#   small  the tutorials' bridge lab (RED, BLUE on br0) and an INTERNET
#          namespace on an uplink, the host forwarding and masquerading:
#          target < 5 ms;
#   large  50 namespaces, each wired to the host by a veth pair, the
#          host ends ports of 25 bridges (100 veth ends, 25 bridges):
#          target < 50 ms.
# It prints the median, the fastest and slowest run, and the size of
# the model read; with nstutor given, also `nstutor --world=host -c
# topology` start to exit (exec, locale and all).  Not a test: exits 0.
set -u
. "$(cd "$(dirname "$0")" && pwd)/timing.sh"
bench_world "$@"
DRIVE=${1:?give tests/topo-drive}
NSTUTOR=${2:-}
RUNS=${RUNS:-51}
export LC_ALL=C

# shellcheck disable=SC2317 # the labs are called as "${name}_lab"
# small_lab: the bridge lab, INTERNET behind the host's uplink.
small_lab() {
	bench_bridge_lab
	ip addr add 11.11.11.1/24 dev br0
	ip -n RED route add default via 11.11.11.1
	ip -n BLUE route add default via 11.11.11.1
	ip netns add INTERNET
	ip link add uplink type veth peer name eth0
	ip link set eth0 netns INTERNET
	ip addr add 8.8.8.1/24 dev uplink
	ip link set uplink up
	ip -n INTERNET addr add 8.8.8.8/24 dev eth0
	ip -n INTERNET link set eth0 up
	ip -n INTERNET link set lo up
	sysctl -qw net.ipv4.ip_forward=1
	iptables-nft -t nat -A POSTROUTING -s 11.11.11.0/24 -o uplink \
		-j MASQUERADE 2>/dev/null
}

# shellcheck disable=SC2317
# large_lab: 50 namespaces, a veth pair each to the host, 25 bridges.
large_lab() {
	local i b
	mount -t tmpfs nstutor-bench /run/netns || exit 1
	ip link set lo up
	for b in $(seq 0 24); do
		echo "link add br$b type bridge"
		echo "link set br$b up"
	done >"$tmp/batch"
	for i in $(seq 0 49); do
		echo "netns add ns$i"
		echo "link add h$i type veth peer name e$i"
		echo "link set e$i netns ns$i"
		echo "link set h$i master br$((i / 2))"
		echo "link set h$i up"
	done >>"$tmp/batch"
	ip -batch "$tmp/batch" || exit 1
	for i in $(seq 0 49); do
		printf '%s\n' "addr add 10.$((i / 2)).0.$((i % 2 + 2))/24 dev e$i" \
			"link set e$i up" "link set lo up" |
			ip -n "ns$i" -batch - || exit 1
	done
}

# one_lab NAME TARGET: in this (fresh) world, builds lab NAME, times it.
one_lab() {
	local name=$1 target=$2 line med verdict nst=n/a
	"${name}_lab"
	line=$("$DRIVE" "$RUNS") || { echo "$name: FAILED RUN"; return; }
	# shellcheck disable=SC2086
	set -- $line	# runs N median US min US max US namespaces K links L
	med=$4
	verdict=$(awk -v m="$med" -v t="$target" 'BEGIN {
		print (m / 1000 < t) ? "meets target" : "MISSES target" }')
	if [ -n "$NSTUTOR" ]; then
		: >"$tmp/nst.ms"
		for _ in $(seq 21); do
			ms "$NSTUTOR" --world=host -c "topology --ascii" >>"$tmp/nst.ms"
		done
		nst=$(median <"$tmp/nst.ms")
	fi
	printf '%-6s %4s %6s %10.2f %9.2f %9.2f %8s   %s (< %s ms)\n' "$name" \
		"${10}" "${12}" "$(awk -v v="$4" 'BEGIN { print v / 1000 }')" \
		"$(awk -v v="$6" 'BEGIN { print v / 1000 }')" \
		"$(awk -v v="$8" 'BEGIN { print v / 1000 }')" "$nst" "$verdict" \
		"$target"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${NST_BENCH_LAB:-}" ]; then
	# shellcheck disable=SC2086
	one_lab $NST_BENCH_LAB
	exit 0
fi

echo "topo-drive: $DRIVE, $RUNS runs each (discover + draw), in ms"
echo "kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
printf '%-6s %4s %6s %10s %9s %9s %8s   %s\n' lab ns links median fastest \
	slowest nstutor verdict
for lab in "small 5" "large 50"; do
	NST_BENCH_LAB=$lab unshare -n -m --propagation private \
		bash "$0" "$@"
done
exit 0
