# timing.sh: what the bench scripts share (source it from bash): timing
# (ms, median) and the throwaway world they run in (bench_world,
# bench_bridge_lab).

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ms CMD...: runs CMD once (output thrown away) and prints how long it
# took, in milliseconds; "fail" when it failed.
ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || { echo fail; return; }
	t1=$EPOCHREALTIME
	echo "$t0 $t1" | awk '{ printf "%.2f\n", ($2 - $1) * 1000 }'
}

# median: of the numbers on stdin ("fail" when any run failed).
median() {
	sort -g | awk '/fail/ { f = 1 } { v[NR] = $1 }
		END { if (f || NR == 0) { print "fail"; exit }
		      if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_world ARGS...: runs the calling script again, with ARGS, in a
# throwaway world (unshare -n -m, -r too when not root); does nothing
# once there.
bench_world() {
	local opt="-n -m"

	[ -n "${NST_BENCH_WORLD:-}" ] && return 0
	[ "$(id -u)" = 0 ] || opt="-r -n -m"
	# shellcheck disable=SC2086
	NST_BENCH_WORLD=1 exec unshare $opt --propagation private bash "$0" "$@"
}

# bench_bridge_lab: in that world, a tmpfs on /run/netns, lo up and the
# tutorials' bridge lab (tests/bridge-lab.sh); exits when it cannot.
bench_bridge_lab() {
	local line

	. "$bench_dir/../tests/bridge-lab.sh"
	mount -t tmpfs nstutor-bench /run/netns || exit 1
	ip link set lo up
	bridge_lab_lines | while read -r line; do $line; done
}
