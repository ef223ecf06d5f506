#!/bin/bash
# iptables-speed.sh: what adding an iptables rule and listing a chain cost
# in nstutor, next to the real iptables-nft doing the same.
#
# Usage: bench/iptables-speed.sh [NSTUTOR]     (RULES=N, default 50)
#
# Runs in a throwaway world of its own (unshare -n -m); nstutor acts on
# that world's host namespace.  Not a test: it prints numbers and exits 0.
set -u

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${IPT_SPEED_WORLD:-}" ]; then
	nst=${1:-${NSTUTOR:-}}
	for c in "$here/../src/nstutor" "$here/../build/src/nstutor"; do
		[ -n "$nst" ] || { [ -x "$c" ] && nst=$c; }
	done
	[ -x "${nst:-}" ] || { echo "iptables-speed: no nstutor binary (give its path)" >&2; exit 2; }
	[ "$(id -u)" = 0 ] || { echo "iptables-speed: run it as root" >&2; exit 2; }
	IPT_SPEED_WORLD=1 NSTUTOR=$(readlink -f "$nst") exec unshare -n -m \
		--propagation private bash "$0"
fi

. "$here/timing.sh"
export LC_ALL=C
n=${RULES:-50}
tmp=$(mktemp -d)
export NSTUTOR_RUNTIME_DIR=$tmp/run XTABLES_LOCKFILE=$tmp/xtables.lock
trap 'rm -rf "$tmp"' EXIT
nst() { "$NSTUTOR" --world=host --plain "$@"; }

# per LINES-FILE: ms per line of an nstutor -f run, less an empty run's.
per() {
	local all none
	all=$(ms nst -f "$1")
	none=$(ms nst -f /dev/null)
	awk -v a="$all" -v b="$none" -v n="$n" 'BEGIN {
		if (a == "fail" || b == "fail") print "fail"; else printf "%.3f", (a - b) / n }'
}

for i in $(seq "$n"); do echo "iptables -A FORWARD -s 10.$((i / 256)).$((i % 256)).0/24 -j ACCEPT"; done >"$tmp/add.nst"
for _ in $(seq "$n"); do echo "iptables -L FORWARD -n"; done >"$tmp/list.nst"

nst -c 'iptables -F' >/dev/null 2>&1
add=$(per "$tmp/add.nst")
list=$(per "$tmp/list.nst")
iptables-nft -F FORWARD
t0=$EPOCHREALTIME
sed 's/^iptables /iptables-nft /' "$tmp/add.nst" | sh
t1=$EPOCHREALTIME
real_add=$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "%.3f", (b - a) * 1000 / n }')

echo "iptables-speed: $NSTUTOR, $n rules, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "add a rule (-A FORWARD ... -j ACCEPT)   nstutor $add ms   iptables-nft $real_add ms (a process each)   target well under 5 ms"
echo "list a chain of $n rules (-L -n)       nstutor $list ms   target well under 5 ms"
echo "the drop explanation: bench/drop-speed.sh"
exit 0
