#!/bin/bash
# capture-speed.sh: what the capture engine (src/cap.c) costs.
#
#   bench/capture-speed.sh build/tests/cap-drive     # RUNS=N (default 15)
#
# In a throwaway world (unshare -n -m, a tmpfs on /run/netns) it builds
# the tutorials' bridge lab and, with tests/cap-drive (make check builds
# it), measures:
#   arm      opening live handles on the lab's five interfaces (cap_open),
#            median of RUNS runs;
#   latency  from a frame's kernel timestamp to the moment the capture
#            hands it over (cap_read's callback), median and 90th
#            percentile over every frame of 200 pings (10 ms apart) seen
#            at five places;
#   flood    the real "ping -f -c 10000" from RED to BLUE while capturing
#            headers only (snaplen 256, as the ping's timeline does)
#            on six interfaces (the lab plus a dummy in a sixth place):
#            frames read, kernel drops (target: 0) and the driver's peak
#            RSS, VmHWM (target: < 16 MB), keeping frames (the record
#            stops at CAP_FRAMES_MAX) and keeping none.
# Needs ip (iproute2), ping (iputils) and jq.
set -u
. "$(cd "$(dirname "$0")" && pwd)/timing.sh"
bench_world "$@"
DRIVE=${1:-${CAP_DRIVE:?give the tests/cap-drive binary}}
RUNS=${RUNS:-15}

bench_bridge_lab
ip -n RED neigh add 11.11.11.3 lladdr "$(ip -n BLUE -j link show beth0 | jq -r '.[0].address')" dev reth0
ip -n BLUE neigh add 11.11.11.2 lladdr "$(ip -n RED -j link show reth0 | jq -r '.[0].address')" dev beth0

log=$(mktemp)
trap 'rm -f "$log"' EXIT
stat() { sed -n "s/^$1 //p" "$log"; }

for _ in $(seq "$RUNS"); do
	"$DRIVE" -S -q -l 0 -- true 2>/dev/null
done >"$log"
printf 'arm       %8s us (median of %s; %s places)\n' \
	"$(stat arm_us | median)" "$RUNS" "$(stat places | head -1)"

"$DRIVE" -S -q -K -l 100 -- ip netns exec RED ping -q -c 200 -i 0.01 11.11.11.3 \
	>"$log" 2>/dev/null
printf 'latency   %8s us median, %s us 90th percentile (%s frames)\n' \
	"$(stat latency_median_us)" "$(stat latency_p90_us)" "$(stat frames)"

ip netns add GREEN
ip -n GREEN link add d0 type veth peer name d1
ip -n GREEN link set d0 up
for keep in "" -K; do
	"$DRIVE" -S -q -s 256 $keep -l 200 -- ip netns exec RED ping -q -f -c 10000 11.11.11.3 \
		>"$log" 2>/dev/null
	printf 'flood%-3s  %s places, %s frames (%s kept), kernel drops %s, peak RSS %s kB\n' \
		"${keep:+ -K}" "$(stat places)" "$(stat frames)" \
		"$( [ -z "$keep" ] && echo "$(( $(stat frames) - $(stat not_kept) ))" || echo 0)" \
		"$(stat kernel_drops)" "$(stat peak_rss_kb)"
done
for _ in $(seq "$RUNS"); do ms /bin/true; done >"$log"
echo "yardstick: /bin/true takes $(median <"$log") ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"
