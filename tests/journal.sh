#!/bin/bash
# journal.sh: the journal of what nstutor made, and "nstutor reset".
# The issue's case first: a lab built, an unrelated link added by hand,
# nstutor killed (-9) in the middle of a script, then reset brings the
# world back to exactly where it was, the unrelated link aside.  Then two
# nstutor processes at once, a damaged journal, names that need escaping,
# an empty journal.
. "${top_srcdir:-.}/tests/lib.sh"

journal=$NSTUTOR_RUNTIME_DIR/host.journal

# sysctls: every net.* sysctl of the host, as the real sysctl reads them.
sysctls() { sysctl -a 2>/dev/null | grep '^net\.' | sort; }
host_links() { ip -j link show | jq -r '.[].ifname' | sort | tr '\n' ' '; }

# What was there before nstutor: a namespace and a bridge of the real ip.
ip netns add KEEP
ip link add keep0 type bridge
before_state=$(world_state)
before_sysctl=$(sysctls)
before_links=$(host_links)
before_netns=$(ip netns list)

diag "the lab, built by nstutor -f from the tutorial's lines"
nst_script <"$top_srcdir/tests/labs/bridge.nst" >/dev/null 2>&1
ok $? "nstutor builds the bridge lab"
is "$(head -3 "$journal")" "base netns KEEP
base link lo
base link keep0" "the journal begins with what was there (the baseline)"

diag "an unrelated link, added by hand with the real ip"
ip link add hand0 type bridge

diag "a script killed with -9 in the middle of its ping"
cat >"$TEST_TMP/more.nst" <<'EOF'
sysctl -w net.ipv4.ip_forward=1
ip addr add 11.11.11.1/24 dev br0
ip netns exec RED ip route add default via 11.11.11.1
ip netns exec RED ping -c 50 -i 0.2 11.11.11.3
ip netns add LATE
EOF
"$NSTUTOR" --world=host --plain -f "$TEST_TMP/more.nst" >"$TEST_TMP/out" 2>&1 &
pid=$!
for _ in $(seq 100); do
	grep -q '^route RED ' "$journal" && break
	sleep 0.1
done
sleep 1 # into the ping, which takes 10 s
kill -9 "$pid"
wait "$pid" 2>/dev/null
is "$?" 137 "nstutor was killed by signal 9"
is "$(grep -c '^route RED - .*dst=0.0.0.0/0 via=11.11.11.1$' "$journal")" 1 \
	"the lines before the ping ran (the journal has the default route)"
is "$(sysctl -n net.ipv4.ip_forward)" 1 "ip_forward was left at 1"
ip netns list | grep -q LATE
ok $((! $?)) "the line after the ping never ran"

nst reset >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 0 "nstutor reset succeeds"
is "$(cat "$TEST_TMP/out")" "Removed namespaces: BLUE, RED
Removed links: reth0, beth0, reth1, beth1, br0
Put back: net.ipv4.ip_forward = 0
Left alone (not made by nstutor): link hand0" \
	"reset says what it removed, put back and left alone"
is "$(cat "$TEST_TMP/err")" "" "and nothing on stderr"
is "$(ip netns list)" "$before_netns" "the real ip netns list is as before"
is "$(host_links)" "$(echo "$before_links" | tr ' ' '\n' | sed '/^$/d' |
	{ cat; echo hand0; } | sort | tr '\n' ' ')" \
	"the host's links are those from before, and the unrelated hand0"
is "$(sysctl -n net.ipv4.ip_forward)" 0 "ip_forward is 0 again"
ip link del hand0
is "$(sysctls)" "$before_sysctl" "every net.* sysctl is as it was"
is "$(world_state)" "$before_state" \
	"without hand0, the world is exactly as before (ip -j link, addr, route, neigh)"
is "$(wc -c <"$journal")" 0 "the journal is empty"

nst reset >"$TEST_TMP/out" 2>&1
is "$?" 0 "a second reset succeeds"
is "$(cat "$TEST_TMP/out")" \
	"Nothing to reset: nstutor has made nothing in this world." \
	"a second reset has nothing to do"
rm -f "$journal"
is "$(nst reset 2>&1)" \
	"Nothing to reset: nstutor has made nothing in this world." \
	"no journal at all: nothing to reset"

diag "two nstutor processes changing the world at once"
for p in a b; do
	for i in $(seq 30); do
		echo "ip netns add ${p^^}$i"
		echo "ip link add $p$i type veth peer name ${p}p$i"
	done >"$TEST_TMP/$p.nst"
done
nst -f "$TEST_TMP/a.nst" >/dev/null 2>&1 &
pa=$!
nst -f "$TEST_TMP/b.nst" >/dev/null 2>&1 &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
is "$ra $?" "0 0" "both scripts succeed"
is "$(ip netns list | wc -l)" 61 "60 namespaces were made (and KEEP)"
is "$(grep -c '^netns [AB][0-9]*$' "$journal")" 60 "the journal holds 60 namespaces"
is "$(grep -c '^link - [ab]p\?[0-9]*$' "$journal")" 120 "and 120 links"
is "$(grep -c '^base link lo$' "$journal")" 1 "and one baseline"
is "$(grep -cvE '^(base (netns|link)|netns|link -) [A-Za-z0-9]+$' "$journal")" 0 \
	"every line is whole"
start=$(date +%s%N)
nst reset >"$TEST_TMP/out" 2>&1
is "$?" 0 "reset undoes both"
diag "reset of 60 namespaces and 120 links: $((($(date +%s%N) - start) / 1000000)) ms"
is "$(ip netns list)" "KEEP" "only KEEP is left"
is "$(host_links)" "$before_links" "and the host's links from before"

diag "a damaged journal"
ip netns add J1
ip netns add J2
ip link add j0 type bridge
printf 'base link lo\nbase link keep0\nbase netns KEEP\nnetns J1\nthis is %%ZZ garbage\nlink - j0\nlink -\nfrobnicate x\nnetns J2' >"$journal"
"$NSTUTOR" --world=host reset >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 0 "reset of a damaged journal succeeds"
is "$(grep -v '^hint: ' "$TEST_TMP/err")" "nstutor: $journal:5: not a journal line; skipped
nstutor: $journal:9: the last line is cut short; skipped
nstutor: $journal:7: not a journal line; skipped
nstutor: $journal:8: not a journal line; skipped" \
	"every bad line is named (file:line) and skipped"
is "$(cat "$TEST_TMP/out")" "Removed namespaces: J1
Removed links: j0
Left alone (not made by nstutor): namespace J2" \
	"the good lines are undone; J2's line was cut short, so J2 stays"
is "$(grep -c '^hint: ' "$TEST_TMP/err")" 1 "one plain-words hint follows"
ip netns del J2

diag "names that need escaping"
nst -c 'ip netns add "my ns"' -c 'sysctl -w net.ipv4.tcp_rmem="4096 87380 6291456"' \
	>/dev/null 2>&1
ok $? "nstutor makes a namespace with a space in its name"
rmem_before=$(grep '^net.ipv4.tcp_rmem' <<<"$before_sysctl")
like "$(cat "$journal")" '^netns my%20ns$' "its name is %-escaped in the journal"
like "$(cat "$journal")" 'sysctl - net/ipv4/tcp_rmem [0-9]+%09[0-9]+%09[0-9]+$' \
	"the old tcp_rmem (tabs inside) is escaped too"
is "$(nst reset 2>&1)" "Removed namespaces: my ns
Put back: $rmem_before" "reset removes \"my ns\" and puts tcp_rmem back"
is "$(ip netns list)" KEEP "\"my ns\" is gone"
is "$(sysctl net.ipv4.tcp_rmem)" "$rmem_before" "tcp_rmem is as it was, tabs and all"

diag "a command that fails leaves nothing in the journal"
nst -c 'ip link add keep0 type veth peer name fresh0' >/dev/null 2>&1
ok $((! $?)) "making a link whose name is taken fails"
is "$(grep -c fresh0 "$journal")" 0 "and the journal has no line for its peer"
is "$(grep -c 'link - keep0' "$journal")" 0 "nor for the link that was there"
nst -c 'ip netns add KEEP' >/dev/null 2>&1
is "$(grep -c '^netns KEEP' "$journal")" 0 "nor for a namespace that was there"
is "$(nst reset 2>&1)" \
	"Nothing to reset: nstutor has made nothing in this world." \
	"so reset finds nothing to undo"
is "$(ip netns list; host_links)" "KEEP
$before_links" "and KEEP and keep0 are still there"

diag "the sandbox world (nstutor's default) has a journal of its own"
sb() { "$NSTUTOR" shell -- "$@"; }
sb_state() {
	sb ip -j link show | jq -r '.[].ifname' | sort | tr '\n' ' '
	sb ip netns list
	sb sh -c 'sysctl -a 2>/dev/null | grep "^net\." | sort'
}
host_before=$(world_state)
"$NSTUTOR" -c true >/dev/null 2>&1
sb_before=$(sb_state)
"$NSTUTOR" --plain -f "$top_srcdir/tests/labs/bridge.nst" >/dev/null 2>&1
ok $? "nstutor builds the bridge lab in its sandbox"
"$NSTUTOR" --plain -f "$TEST_TMP/more.nst" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
	grep -q '^route RED ' "$NSTUTOR_RUNTIME_DIR/sandbox.journal" && break
	sleep 0.1
done
sleep 1
kill -9 "$pid"
wait "$pid" 2>/dev/null
is "$?" 137 "nstutor was killed in the middle of its ping"
is "$(sb sysctl -n net.ipv4.ip_forward)" 1 "the sandbox's ip_forward was left at 1"
sb ip link add hand1 type bridge
"$NSTUTOR" reset >"$TEST_TMP/out" 2>&1
is "$?" 0 "nstutor reset succeeds in the sandbox"
is "$(cat "$TEST_TMP/out")" "Removed namespaces: BLUE, RED
Removed links: reth0, beth0, reth1, beth1, br0
Put back: net.ipv4.ip_forward = 0
Left alone (not made by nstutor): link hand1" "it says what it removed, put back and left alone"
sb ip link del hand1
is "$(sb_state)" "$sb_before" "the sandbox is as it was (links, namespaces, net.* sysctls)"
is "$(world_state)" "$host_before" "the host world was never touched"
is "$(wc -c <"$journal")" 0 "the host world's journal is still empty"

done_testing
