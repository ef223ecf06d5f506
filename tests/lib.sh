# lib.sh: what nstutor's shell tests share (source it first, from bash).
#
# Sourcing it re-runs the test inside a throwaway world of its own:
# `unshare -n -m` (or `unshare -r -n -m` when not root) with a private
# tmpfs on /run/netns, so nothing a test does touches the machine's
# network.  It also gives TAP helpers (ok, is, diag, done_testing) and
# ways to compare nstutor with the real tools on the same world.

if [ -z "${NST_TEST_WORLD:-}" ]; then
	if [ "$(id -u)" = 0 ]; then
		mkdir -p /run/netns
		nst_unshare="-n -m"
	else
		nst_unshare="-r -n -m"
	fi
	# shellcheck disable=SC2086
	NST_TEST_WORLD=1 exec unshare $nst_unshare --propagation private bash "$0" "$@"
fi

set -u
mount -t tmpfs nstutor-test /run/netns || { echo "Bail out! no tmpfs on /run/netns"; exit 1; }
ip link set lo up

: "${NSTUTOR:?NSTUTOR must name the nstutor binary}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
export LC_ALL=C LANGUAGE=
TEST_TMP=$(mktemp -d)
trap 'rm -rf "$TEST_TMP"' EXIT

tap_n=0
tap_failed=0

# ok STATUS DESCRIPTION: passes when STATUS is 0.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# is GOT WANT DESCRIPTION: passes when the two texts are equal.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$1") | sed 's/^/#   /' | head -40
	fi
}

# like GOT REGEX DESCRIPTION: passes when GOT matches the ERE.
like() {
	if printf '%s' "$1" | grep -qE -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | sed 's/^/#   got: /' | head -20
		echo "#   wanted: /$2/"
	fi
}

diag() { echo "# $*"; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
	exit $?
}

# nst ARGS...: nstutor in the host world with the real tools' output.
nst() { "$NSTUTOR" --world=host --plain "$@"; }

# nst_script LINES: runs the lines (a here-doc on stdin) with nstutor -f.
nst_script() {
	cat >"$TEST_TMP/script.nst"
	"$NSTUTOR" --world=host --plain -f "$TEST_TMP/script.nst" "$@"
}

# in_ns NS CMD...: the real CMD inside NS ("" or "host": the host).
in_ns() {
	local ns=$1
	shift
	if [ -z "$ns" ] || [ "$ns" = host ]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

# world_state: what the kernel holds in every namespace of the world, as
# the real tools print it (for "nothing changed" comparisons).
world_state() {
	local ns
	for ns in host $(ip netns list | cut -d' ' -f1 | sort); do
		echo "== $ns"
		# bridge timers and the like tick by themselves: leave them out
		in_ns "$ns" ip -d -j link show | jq -S 'map(del(.stats64, .stats)) |
			walk(if type == "object" then with_entries(select(.key | test("timer") | not)) else . end)'
		in_ns "$ns" ip -j addr show | jq -S .
		in_ns "$ns" ip -j route show table all | jq -S .
		in_ns "$ns" ip -j neigh show | jq -S 'map(del(.state))'
	done
	ls -a /run/netns
}

# world_reset: removes every namespace and every host link but lo.
world_reset() {
	local ns dev
	for ns in $(ip netns list | cut -d' ' -f1); do ip netns del "$ns"; done
	for dev in $(ip -j link show | jq -r '.[].ifname'); do
		[ "$dev" = lo ] || ip link del "$dev" 2>/dev/null
	done
	true
}
