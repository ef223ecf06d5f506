#!/bin/bash
# drop-speed.sh: how long "why it was dropped" costs a ping.
#
#   bench/drop-speed.sh build/src/nstutor      # RUNS=N, EXTRA=N namespaces
#
# In a throwaway world (unshare -n -m, a tmpfs on /run/netns) it builds
# the tutorials' bridge lab with FORWARD policy DROP and
# bridge-nf-call-iptables=1, adds EXTRA (default 10) more namespaces,
# and runs nstutor's failing ping RUNS times (default 15) with
# NSTUTOR_TRACE_TIMING=1.  It prints the medians of: arming the trace
# in every namespace (before the first request), explaining the drop
# once the ping ends (the target: well under 5 ms), and disarming
# (after the output, while the learner reads).
set -u
. "$(cd "$(dirname "$0")" && pwd)/timing.sh"
bench_world "$@"
NSTUTOR=${1:-${NSTUTOR:?give the nstutor binary}}
RUNS=${RUNS:-15}
EXTRA=${EXTRA:-10}

bench_bridge_lab
for i in $(seq "$EXTRA"); do ip netns add "extra$i"; done
sysctl -qw net.bridge.bridge-nf-call-iptables=1
iptables-nft -P FORWARD DROP || exit 1

log=$(mktemp)
# nstutor's state (journal, lock) stays in a directory of the bench's own
NSTUTOR_RUNTIME_DIR=$(mktemp -d)
export NSTUTOR_RUNTIME_DIR
trap 'rm -rf "$log" "$NSTUTOR_RUNTIME_DIR"' EXIT
for _ in $(seq "$RUNS"); do
	NSTUTOR_TRACE_TIMING=1 "$NSTUTOR" --world=host \
		-c 'ip netns exec RED ping -c 1 -W 0.2 11.11.11.3' 2>>"$log" >/dev/null
done
for what in armed explained disarmed; do
	us=$(sed -n "s/^nstutor: trace $what in \([0-9]*\) us$/\1/p" "$log" | median)
	printf '%-10s %8s us (median of %s; %s namespaces)\n' "$what" "$us" \
		"$RUNS" "$((EXTRA + 3))"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
