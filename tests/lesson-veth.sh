#!/bin/bash
# lesson-veth.sh: the veth lesson (seed 003 실습 1) graded by --check: every
# step fails on an empty world, every step passes after its solution (in
# nstutor, and with the real ip), and one thing broken fails exactly the
# steps that depend on it.
LESSON=veth
. "${top_srcdir:-.}/tests/lib.sh"

. "$top_srcdir/tests/lesson-lib.sh"

lesson_round

break_like lesson_solve_real "veth1 down in BLUE" "ip -n BLUE link set veth1 down" \
	"up neigh-before ping neigh-after" "ip -n BLUE link set veth1 up"
like "$(jq -r '.steps[] | select(.id == "up") | .failed_check' "$GRADE_JSON")" "veth1" \
	"veth1 down: the up step names veth1"
# (RED's own 11.11.11.3 does not answer either: lo in RED is down)
break_like lesson_solve "the addresses swapped" \
	"ip -n RED addr flush dev veth0 && ip -n BLUE addr flush dev veth1 && ip -n RED addr add 11.11.11.3/24 dev veth0 && ip -n BLUE addr add 11.11.11.2/24 dev veth1" \
	"addresses ping neigh-after"
like "$(jq -r '.steps[] | select(.id == "addresses") | .hint' "$GRADE_JSON")" "swapped" \
	"swapped addresses: the hint says so"

done_testing
