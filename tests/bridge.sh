#!/bin/bash
# bridge.sh: "bridge fdb show" and "bridge link show" print what the real
# bridge (iproute2 6.1) prints for the tutorial's bridge lab, and bad
# input is refused with bridge's own words, changing nothing.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

build_bridge_lab
# Let the bridge learn both ends' MACs.
in_ns RED ping -c 2 -i 0.2 -W 1 11.11.11.3 >/dev/null
ok $? "the real ping crosses br0 (RED -> BLUE)"

# same_as_real DESC NSTUTOR-COMMAND REAL-COMMAND: stdout identical (the fdb
# may learn between the two dumps: one retry).
same_as_real() {
	local mine real
	mine=$(nst -c "$2" 2>&1) real=$($3 2>&1)
	[ "$mine" = "$real" ] || { sleep 0.2; mine=$(nst -c "$2" 2>&1) real=$($3 2>&1); }
	is "$mine" "$real" "$1"
}

same_as_real "bridge fdb show" "bridge fdb show" "bridge fdb show"
same_as_real "bare bridge fdb" "bridge fdb" "bridge fdb"
same_as_real "bridge fdb show br br0" "bridge fdb show br br0" "bridge fdb show br br0"
same_as_real "bridge fdb show brport reth1" "bridge fdb show brport reth1" "bridge fdb show brport reth1"
same_as_real "bridge fdb show dev beth1" "bridge fdb show dev beth1" "bridge fdb show dev beth1"
same_as_real "bridge fdb show dev br0" "bridge fdb show dev br0" "bridge fdb show dev br0"
same_as_real "bridge fdb show br br0 dynamic" "bridge fdb show br br0 dynamic" "bridge fdb show br br0 dynamic"
same_as_real "bridge fdb show state permanent" "bridge fdb show state permanent" "bridge fdb show state permanent"
same_as_real "bridge fdb sh (abbreviated)" "bridge fdb sh" "bridge fdb sh"
# -s adds "used SECONDS/SECONDS", which may tick between the two dumps.
used() { sed -E 's#used [0-9]+/[0-9]+#used N/N#'; }
mine=$(nst -c 'bridge -s fdb show' | used)
like "$mine" 'used N/N master br0' "bridge -s fdb show has the used/updated times"
is "$mine" "$(bridge -s fdb show | used)" "bridge -s fdb show (times aside)"
same_as_real "bridge link show" "bridge link show" "bridge link show"
same_as_real "bridge link (default show)" "bridge link" "bridge link"
same_as_real "bridge -d link show" "bridge -d link show" "bridge -d link show"
same_as_real "bridge link show dev beth1" "bridge link show dev beth1" "bridge link show dev beth1"
same_as_real "bridge -n RED fdb show" "bridge -n RED fdb show" "bridge -n RED fdb show"
same_as_real "ip netns exec RED bridge fdb show" "ip netns exec RED bridge fdb show" \
	"ip netns exec RED bridge fdb show"
same_as_real "bridge -n RED link show (no ports)" "bridge -n RED link show" "bridge -n RED link show"

learned=$(bridge fdb show br br0 dynamic | awk '$3 == "reth1" {print $1; exit}')
like "$("$NSTUTOR" --world=host -c 'bridge fdb show' 2>&1)" \
	"# br0 has learned that $learned lives behind reth1" \
	"without --plain, a note says which MAC br0 learned behind reth1"
out=$("$NSTUTOR" --world=host -c 'bridge fdb show' 2>&1 | grep -v '^# ')
is "$out" "$(bridge fdb show)" "the notes are the only addition"

# Bad input: bridge's own message, a non-zero status, nothing changed.
before=$(lab_state)
# bad DESC COMMAND: COMMAND fails with the real bridge's words.
bad() { fails_as_real "$1" "the real bridge's" host "$2"; }
bad "missing bridge" "bridge fdb show br nosuch"
bad "missing port" "bridge fdb show brport nosuch"
bad "missing device" "bridge link show dev veth9"
bad "dev without a name" "bridge fdb show dev"
bad "unknown object" "bridge frob show"
bad "unknown fdb command" "bridge fdb frob"
bad "unknown link command" "bridge link frob"
bad "unknown option" "bridge -z fdb show"
bad "missing namespace" "bridge -n NOPE fdb show"
bad "bad state" "bridge fdb show state bogus"
bad "duplicate vlan" "bridge fdb show vlan 1 vlan 2"
fails "bridge fdb add is refused" 'bridge fdb add 02:00:00:00:00:01 dev reth1'
fails "a 300-character device name fails" "bridge fdb show dev $(printf 'x%.0s' $(seq 300))"
is "$(lab_state)" "$before" "bad input changed nothing"

done_testing
