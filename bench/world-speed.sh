#!/bin/bash
# world-speed.sh: what a sandbox world costs: making one, and joining it.
#
# Usage: bench/world-speed.sh [NSTUTOR]      (RUNS=N for more than 15 runs)
#
# Runs in a throwaway world of its own (unshare -n -m, a private tmpfs on
# /run/netns), as root and, when it is root, as the user nobody too.  Not
# a test: it prints numbers and the targets beside them, and exits 0.
set -u

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${WORLD_SPEED_WORLD:-}" ]; then
	nst=${1:-${NSTUTOR:-}}
	for c in "$here/../src/nstutor" "$here/../build/src/nstutor"; do
		[ -n "$nst" ] || { [ -x "$c" ] && nst=$c; }
	done
	[ -x "${nst:-}" ] || { echo "world-speed: no nstutor binary (give its path)" >&2; exit 2; }
	if [ "$(id -u)" = 0 ]; then flags="-n -m"; else flags="-r -n -m"; fi
	# shellcheck disable=SC2086
	WORLD_SPEED_WORLD=1 NSTUTOR=$(readlink -f "$nst") exec unshare $flags \
		--propagation private bash "$0"
fi

mount -t tmpfs world-speed /run/netns 2>/dev/null
export LC_ALL=C
runs=${RUNS:-15}
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

. "$here/timing.sh"

# measure WHO AS...: the three timings for one user (for nobody, AS is
# setpriv and env: two more execs in every timing, start-up included).
measure() {
	local who=$1 run="$tmp/run-$1"
	shift
	mkdir -p "$run"
	[ "$who" = root ] || chown "$who:" "$run"
	local -a nst=("$@" env NSTUTOR_RUNTIME_DIR="$run" "$NSTUTOR")
	: >"$tmp/make.ms"; : >"$tmp/join.ms"; : >"$tmp/none.ms"
	for _ in $(seq "$runs"); do
		"${nst[@]}" world stop >/dev/null 2>&1
		ms "${nst[@]}" -c 'ip netns list' >>"$tmp/make.ms"
		ms "${nst[@]}" -c 'ip netns list' >>"$tmp/join.ms"
		# the same process with no world at all: what nstutor costs
		# anyway, so that make - none is the world's own share
		ms "${nst[@]}" --version >>"$tmp/none.ms"
	done
	"${nst[@]}" world stop >/dev/null 2>&1
	local make join none
	make=$(median <"$tmp/make.ms")
	join=$(median <"$tmp/join.ms")
	none=$(median <"$tmp/none.ms")
	printf '%-7s make a world + ip netns list  %6s ms  (nstutor --version: %s ms)\n' \
		"$who" "$make" "$none"
	printf '%-7s   the world'"'"'s own share        %6s ms  target < 5 ms\n' "" \
		"$(awk -v a="$make" -v b="$none" 'BEGIN { if (a == "fail" || b == "fail") print "fail"; else printf "%.2f", a - b }')"
	printf '%-7s join it + ip netns list       %6s ms  target < 10 ms\n' "" "$join"
	printf '%-7s   joining'"'"'s own share          %6s ms\n' "" \
		"$(awk -v a="$join" -v b="$none" 'BEGIN { if (a == "fail" || b == "fail") print "fail"; else printf "%.2f", a - b }')"
	echo "        runs: make $(tr '\n' ' ' <"$tmp/make.ms")"
	echo "              join $(tr '\n' ' ' <"$tmp/join.ms")"
}

echo "world-speed: $NSTUTOR, $runs runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "yardstick: /bin/true $(for _ in $(seq "$runs"); do ms /bin/true; done | median) ms"
measure root
if [ "$(id -u)" = 0 ] && [ "$(awk '{print $3}' /proc/self/uid_map)" -ge 65536 ]; then
	measure nobody setpriv --reuid=nobody --regid=nogroup --clear-groups
fi
exit 0
