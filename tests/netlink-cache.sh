#!/bin/bash
# netlink-cache.sh: the socket nstutor keeps for a namespace does not keep
# that namespace alive after the real "ip netns del" in another terminal.
. "${top_srcdir:-.}/tests/lib.sh"

ip netns add RED
mkfifo "$TEST_TMP/in"
"$NSTUTOR" --world=host --plain <"$TEST_TMP/in" >"$TEST_TMP/out" 2>&1 &
shell=$!
exec 3>"$TEST_TMP/in"
echo 'ip link add v0 netns RED type veth peer name v1' >&3
echo 'ip -n RED link show v0' >&3
for _ in $(seq 50); do grep -q 'v0@' "$TEST_TMP/out" && break; sleep 0.1; done
like "$(cat "$TEST_TMP/out")" 'v0@' "nstutor has talked to RED"
ip netns del RED
echo 'ip -br link' >&3
gone=1
for _ in $(seq 100); do
	ip link show v1 >/dev/null 2>&1 || { gone=0; break; }
	sleep 0.1
done
ok $gone "RED, deleted by the real ip, dies while nstutor runs (its veth v1 goes)"
exec 3>&-
wait "$shell"
is "$?" 0 "the shell ends normally"
done_testing
