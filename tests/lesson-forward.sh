#!/bin/bash
# lesson-forward.sh: the forward lesson (seed 003 실습 2, seed 000) graded by
# --check: after its setup (FORWARD DROP, bridge-nf-call-iptables=1) the
# ping fails while ARP passes; every step fails on an empty world and passes
# after the solution, with the rule in FORWARD (nstutor) or in seed 000's
# chain NAVY (real iptables-nft); the policy set to ACCEPT, the rule
# deleted, or bridge-nf-call-iptables turned off fail exactly one step.
LESSON=forward
. "${top_srcdir:-.}/tests/lib.sh"

need_br_netfilter
. "$top_srcdir/tests/lesson-lib.sh"

# The lesson's premise, with the real tools: ARP passes, ICMP does not.
lesson_world
lesson_setup
ok $? "setup runs in nstutor"
# the bridge forwards once its ports have carrier (the kernel's linkwatch
# says so up to a second after "up")
for _ in $(seq 40); do
	[ "$(ip -j link show br0 | jq -r '.[0].operstate')" = UP ] &&
		[ "$(ip -j link show reth1 | jq -r '.[0].operstate')" = UP ] &&
		[ "$(ip -j link show beth1 | jq -r '.[0].operstate')" = UP ] && break
	sleep 0.05
done
ip netns exec RED ping -c 1 -W 1 11.11.11.3 >/dev/null 2>&1
ok $((! $?)) "after the setup, RED's ping to BLUE fails (the real ping)"
ip -n RED -j neigh show 11.11.11.3 dev reth0 | jq -e '.[0].lladdr' >/dev/null
ok $? "... while ARP got through: RED knows BLUE's MAC"
grade
is "$(failed_ids)" "accept" "after the failing ping, only the fix is missing"

lesson_round

break_like lesson_solve_real "NAVY's jump deleted" "iptables-nft -D FORWARD -j NAVY" "accept"
break_like lesson_solve "policy ACCEPT" "iptables-nft -P FORWARD ACCEPT" "accept" \
	"iptables-nft -P FORWARD DROP"
like "$(jq -r '.steps[] | select(.id == "accept") | .failed_check' "$GRADE_JSON")" "ACCEPT" \
	"policy ACCEPT: the failed check says what the policy is"
like "$(jq -r '.steps[] | select(.id == "accept") | .hint' "$GRADE_JSON")" "wall|DROP" \
	"policy ACCEPT: the hint explains why it is the wrong fix"
break_like lesson_solve "the rule deleted" \
	"iptables-nft -D FORWARD -s 11.11.11.0/24 -j ACCEPT" "accept" \
	"iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT"
break_like lesson_solve "bridge-nf-call-iptables off" \
	"sysctl -qw net.bridge.bridge-nf-call-iptables=0" "why"

done_testing
