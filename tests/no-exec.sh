#!/bin/bash
# no-exec.sh: nstutor does its own work: building both labs, pinging and
# looking at them runs no helper process.  Under strace -f, the only
# execve is of nstutor itself, and no child process is ever made (threads
# would be allowed; fork, vfork and clone without CLONE_THREAD are not).
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v strace >/dev/null; then
	echo "1..0 # SKIP strace is not installed"
	exit 0
fi

labs=$top_srcdir/tests/labs
bin=$(readlink -f "$NSTUTOR")

# The lines after the build: a ping, and a look at what was built.
cat >"$TEST_TMP/look.nst" <<'EOF'
ip netns exec RED ping -c 1 11.11.11.3
ip netns exec BLUE ping -c 1 -W 1 11.11.11.2
ip netns list
ip -n RED addr show
ip netns exec BLUE ip -br link
ip netns exec RED ip neigh show
ip -n RED route show
sysctl net.ipv4.ip_forward
EOF
cat >"$TEST_TMP/look-bridge.nst" <<'EOF'
bridge fdb show br br0
bridge link show
ip -br addr
EOF

# traced NAME FILE...: runs nstutor -f on the files (one after the other,
# in one nstutor process) under strace; checks what it started.
traced() {
	local name=$1 log=$TEST_TMP/$1.strace rc execs children
	shift
	cat "$@" >"$TEST_TMP/$name.nst"
	# LeakSanitizer (in sanitizer builds) cannot work under ptrace: at
	# exit it clones a tracer of its own and fails; the rest of the
	# suite checks for leaks.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		timeout 120 strace -f -qq -e trace=process,execveat -o "$log" \
		"$NSTUTOR" --world=host --plain -f "$TEST_TMP/$name.nst" \
		>"$TEST_TMP/$name.out" 2>"$TEST_TMP/$name.err"
	rc=$?
	is "$rc" 0 "$name: nstutor -f built and looked at the lab (under strace)"
	[ "$rc" = 0 ] || sed 's/^/#   /' "$TEST_TMP/$name.err" | head -5
	execs=$(grep -E '\bexecve(at)?\(' "$log")
	is "$(wc -l <<<"$execs" | tr -d ' ')" 1 "$name: exactly one execve"
	like "$execs" "^[0-9]+ +execve\\(\"$bin\"" "$name: and it is nstutor's own"
	children=$(grep -E '\b(fork|vfork|clone|clone3)\(' "$log" |
		grep -v CLONE_THREAD)
	is "$children" "" "$name: no child process, no fork, no clone"
	is "$(awk '{print $1}' "$log" | sort -u | wc -l | tr -d ' ')" 1 \
		"$name: strace saw one process only"
}

traced veth "$labs/veth.nst" "$TEST_TMP/look.nst"
is "$(ip -n RED -j addr show dev veth0 | jq -r '.[0].addr_info[0].local')" \
	11.11.11.2 "veth: the lab is really there (RED veth0 has 11.11.11.2)"

world_reset
traced bridge "$labs/bridge.nst" "$TEST_TMP/look.nst" "$TEST_TMP/look-bridge.nst"
is "$(ip -j link show dev reth1 | jq -r '.[0].master')" br0 \
	"bridge: the lab is really there (reth1's master is br0)"

world_reset
traced bridge-direct "$labs/bridge-direct.nst" "$TEST_TMP/look.nst"
is "$(ip -n BLUE -j addr show dev beth0 | jq -r '.[0].addr_info[0].local')" \
	11.11.11.3 "bridge-direct: the lab is really there (BLUE beth0 has 11.11.11.3)"

done_testing
