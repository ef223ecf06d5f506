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
chmod 755 "$TEST_TMP"
# nstutor's state (sandbox record, journal, lock) stays in the test's
# own directory, and a sandbox world a test made ends with the test.
export NSTUTOR_RUNTIME_DIR="$TEST_TMP/run"
# iptables-legacy, an oracle, takes its lock in /run, which is the
# machine's: keep it in the test's directory.
export XTABLES_LOCKFILE="$TEST_TMP/xtables.lock"
# The machine's /etc/nstutor.conf (a classroom's, a package's) must not
# choose the tests' world, lessons or language.
export NSTUTOR_CONF=

# The world the tests' nstutor acts on: host (the default) or, with
# NST_WORLD=sandbox, its own sandbox world, as root or, with
# NST_USER=nobody, as that unprivileged user.  The real tools then look
# at the lab from inside it, through "nstutor shell".
NST_WORLD=${NST_WORLD:-host}
NST_AS=()
if [ -n "${NST_USER:-}" ]; then
	if [ "$(id -u)" != 0 ] || [ "$(cat /proc/self/uid_map | awk '{print $3}')" -lt 65536 ]; then
		echo "1..0 # SKIP becoming $NST_USER needs real root"
		exit 0
	fi
	NSTUTOR_RUNTIME_DIR="$TEST_TMP/run-$NST_USER"
	mkdir -p "$NSTUTOR_RUNTIME_DIR"
	chown "$NST_USER:" "$NSTUTOR_RUNTIME_DIR"
	NST_AS=(setpriv --reuid="$NST_USER" --regid="$(id -g "$NST_USER")" --clear-groups
		env HOME="$TEST_TMP")
	if ! "${NST_AS[@]}" test -x "$NSTUTOR"; then
		cp "$NSTUTOR" "$TEST_TMP/nstutor" && NSTUTOR="$TEST_TMP/nstutor"
	fi
fi

# nstutor_ ARGS...: nstutor in the tests' world, as the tests' user
# (also as words, for timeout: "${NST_ARGV[@]}").
NST_ARGV=("${NST_AS[@]}" "$NSTUTOR" --world="$NST_WORLD")
nstutor_() { "${NST_ARGV[@]}" "$@"; }

nst_cleanup() {
	if [ -e "$NSTUTOR_RUNTIME_DIR/sandbox" ]; then
		NST_WORLD=sandbox nstutor_ world stop >/dev/null 2>&1
	fi
	rm -rf "$TEST_TMP"
}
trap nst_cleanup EXIT

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

# unlike GOT REGEX DESCRIPTION: passes when GOT does not match the ERE.
unlike() {
	if ! printf '%s' "$1" | grep -qE -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | grep -E -- "$2" | sed 's/^/#   got: /' | head -20
		echo "#   wanted no match of /$2/"
	fi
}

# has_line TEXT REGEX DESCRIPTION: passes when one line of TEXT is all
# of the ERE.
has_line() {
	if printf '%s\n' "$1" | grep -qxE -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | sed 's/^/#   got: /' | head -40
		echo "#   wanted a line: /$2/"
	fi
}

diag() { echo "# $*"; }

# need_tools TOOL...: the oracles a test needs; without one, the test is
# skipped as a whole (quickstart installs them all).
need_tools() {
	local tool
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "1..0 # SKIP $tool is not installed (the oracle)"
			exit 0
		fi
	done
}

# need_nf_tables: skips the test without nf_tables (iptables-nft -S
# fails, as in a container without the module).
need_nf_tables() {
	if ! iptables-nft -S >/dev/null 2>&1; then
		echo "1..0 # SKIP no nf_tables here (iptables-nft -S fails)"
		exit 0
	fi
}

# need_br_netfilter: skips the test without br_netfilter (the
# bridge-nf-call-* sysctls); tests load no module.
need_br_netfilter() {
	if [ ! -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then
		echo "1..0 # SKIP br_netfilter is not loaded (and tests load no module)"
		exit 0
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
	exit $?
}

# nst ARGS...: nstutor in the tests' world with the real tools' output.
nst() { nstutor_ --plain "$@"; }

# nst_script LINES: runs the lines (a here-doc on stdin) with nstutor -f.
nst_script() {
	cat >"$TEST_TMP/script.nst"
	nstutor_ --plain -f "$TEST_TMP/script.nst" "$@"
}

# in_ns NS CMD...: the real CMD inside NS ("" or "host": the world's
# host namespace), in the tests' world.
in_ns() {
	local ns=$1
	shift
	[ "$ns" = host ] && ns=
	if [ "$NST_WORLD" = sandbox ]; then
		nstutor_ --plain shell $ns -- "$@"
	elif [ -n "$ns" ]; then
		ip netns exec "$ns" "$@"
	else
		"$@"
	fi
}

# world_state: what the kernel holds in every namespace of the world, as
# the real tools print it (for "nothing changed" comparisons).
world_state() {
	local ns
	for ns in host $(in_ns host ip netns list | cut -d' ' -f1 | sort); do
		echo "== $ns"
		# bridge timers and the like tick by themselves: leave them out
		in_ns "$ns" ip -d -j link show | jq -S 'map(del(.stats64, .stats)) |
			walk(if type == "object" then with_entries(select(.key | test("timer") | not)) else . end)'
		# IPv6 duplicate address detection finishes by itself: leave
		# out its "tentative" mark and the local route that follows it
		in_ns "$ns" ip -j addr show | jq -S 'map(.addr_info |= map(del(.tentative)))'
		in_ns "$ns" ip -j route show table all |
			jq -S 'map(select(.type != "local" or (.dst | startswith("fe80:") | not)))'
		in_ns "$ns" ip -j neigh show | jq -S 'map(del(.state))'
	done
	in_ns host ls -a /run/netns
}

# world_reset: removes every namespace and every host link but lo.
world_reset() {
	local ns dev
	for ns in $(in_ns host ip netns list | cut -d' ' -f1); do
		in_ns host ip netns del "$ns"
	done
	for dev in $(in_ns host ip -j link show | jq -r '.[].ifname'); do
		[ "$dev" = lo ] || in_ns host ip link del "$dev" 2>/dev/null
	done
	true
}

# host_red_lab: RED joined to the host by one veth pair, made with the
# real ip: the host's veth0 11.11.11.1/24, RED's veth1 11.11.11.2/24,
# both up (and RED's lo).
host_red_lab() {
	in_ns host ip netns add RED
	in_ns host ip link add veth0 type veth peer name veth1 netns RED
	in_ns host ip addr add 11.11.11.1/24 dev veth0
	in_ns host ip link set veth0 up
	in_ns RED ip link set lo up
	in_ns RED ip addr add 11.11.11.2/24 dev veth1
	in_ns RED ip link set veth1 up
}

# wait_dad [NS...]: until no IPv6 address in the host or NS is tentative
# (for stable output); gives up after 5 s.
wait_dad() {
	local ns busy
	for _ in $(seq 50); do
		busy=
		for ns in host "$@"; do
			in_ns "$ns" ip addr | grep -q tentative && busy=1
		done
		[ -z "$busy" ] && return 0
		sleep 0.1
	done
}

# same_as_ip NS ARGS...: nstutor's "ip ARGS" in NS equals the real one.
same_as_ip() {
	local ns=$1 want got
	shift
	if [ "$ns" = host ]; then
		want=$(ip "$@" 2>&1)
		got=$(nst -c "ip $*" 2>&1)
	else
		want=$(ip -n "$ns" "$@" 2>&1)
		got=$(nst -c "ip -n $ns $*" 2>&1)
	fi
	is "$got" "$want" "$ns: ip $* is iproute2's"
}

# ip_refused WANT CMD: nstutor's CMD fails, says WANT on stderr (all of
# it; $(...) drops the blank line iproute2 prints after some) and changes
# nothing but the bridge timers, which tick by themselves.
ip_refused() {
	local want=$1 cmd=$2 before after
	before=$(world_state | grep -v '_timer": ')
	nst -c "$cmd" >/dev/null 2>"$TEST_TMP/err"
	ok $((! $?)) "'$cmd' fails"
	is "$(cat "$TEST_TMP/err")" "$want" "'$cmd' says iproute2's error"
	after=$(world_state | grep -v '_timer": ')
	is "$after" "$before" "'$cmd' changes nothing"
}

# ip_refused_like_real WANT CMD: nstutor's CMD exits 1, the first line
# of its stderr is WANT and the real CMD's too, a hint follows (without
# --plain), and the world is unchanged.
ip_refused_like_real() {
	local want=$1 cmd=$2 before after rc
	before=$(world_state)
	nst -c "$cmd" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	"$NSTUTOR" --world=host -c "$cmd" >/dev/null 2>"$TEST_TMP/err-hint"
	after=$(world_state)
	is "$rc" 1 "$cmd: exit status 1"
	is "$(head -1 "$TEST_TMP/err")" "$want" "$cmd: says what iproute2 says"
	# shellcheck disable=SC2086
	is "$($cmd 2>&1 >/dev/null | head -1)" "$want" "$cmd: the real ip says it too"
	grep -q '^hint: ' "$TEST_TMP/err-hint"
	ok $? "$cmd: a plain-words hint follows"
	is "$after" "$before" "$cmd: the world is unchanged"
}

# fails DESC CMD: nstutor's CMD fails.
fails() {
	nst -c "$2" >/dev/null 2>&1
	ok $((! $?)) "$1"
}

# fails_saying DESC CMD WANT WHAT: nstutor's CMD fails, and the first
# line of its stderr is WANT.
fails_saying() {
	nst -c "$2" >/dev/null 2>"$TEST_TMP/err"
	ok $((! $?)) "$1"
	is "$(head -1 "$TEST_TMP/err")" "$3" "$4"
}

# fails_as_real DESC WHOSE NS CMD: nstutor's CMD in NS (as typed for
# "host", else after "ip netns exec NS") fails, and the first line of its
# stderr is the real CMD's there (WHOSE names the real tool: "iputils'").
fails_as_real() {
	local desc=$1 whose=$2 ns=$3 cmd=$4 line=$4 mine real
	[ "$ns" = host ] || line="ip netns exec $ns $cmd"
	mine=$(nst -c "$line" 2>&1 >/dev/null | head -1)
	fails "$desc: fails" "$line"
	# shellcheck disable=SC2086
	real=$(in_ns "$ns" $cmd 2>&1 >/dev/null | head -1)
	is "$mine" "$real" "$desc: $whose message"
}
