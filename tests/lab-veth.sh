#!/bin/bash
# lab-veth.sh: tutorial 3's lab 1 (RED and BLUE over one veth pair), built
# by nstutor -f from the tutorial's own lines, checked with the real tools.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/labs/checks.sh"

lo_before=$(lo_state)
build_lab "$top_srcdir/tests/labs/veth.nst"

is "$(in_ns host ip netns list | cut -d' ' -f1 | sort | tr '\n' ' ')" "BLUE RED " \
	"the real ip netns list sees RED and BLUE"
is "$(ns_links host)" "lo " "the host keeps only its lo: both ends moved away"
is "$(ns_links RED)" "lo veth0 " "RED holds lo and veth0"
is "$(ns_links BLUE)" "lo veth1 " "BLUE holds lo and veth1"
check_link RED veth0 veth -
check_link BLUE veth1 veth -
check_peers RED veth0 BLUE veth1
check_addr RED veth0 11.11.11.2/24
check_addr BLUE veth1 11.11.11.3/24
is "$(lo_state)" "$lo_before" "the host's lo is untouched"

check_ping_nst RED 11.11.11.3
check_ping_real RED 11.11.11.3
check_neigh RED 11.11.11.3 "$(link_json BLUE veth1 | jq -r .address)"
check_neigh BLUE 11.11.11.2 "$(link_json RED veth0 | jq -r .address)"
check_ping_nst BLUE 11.11.11.2
check_looks host RED BLUE

# The same lab from standard input, the way "nstutor < veth.nst" reads it.
world_reset
nstutor_ --plain <"$top_srcdir/tests/labs/veth.nst" \
	>"$TEST_TMP/stdin.out" 2>&1
is "$?" 0 "the lab also builds from standard input"
check_addr BLUE veth1 11.11.11.3/24
check_ping_real RED 11.11.11.3

done_testing
