#!/bin/bash
# lesson-bridge.sh: the bridge lesson (seed 003 실습 2) graded by --check:
# every step fails on an empty world, every step passes after its solution
# (in nstutor, and with the real ip and bridge), and one thing broken fails
# exactly the steps that depend on it.
LESSON=bridge
. "${top_srcdir:-.}/tests/lib.sh"

. "$top_srcdir/tests/lesson-lib.sh"

lesson_round

break_like lesson_solve_real "reth1 down" "ip link set reth1 down" "up ping fdb" \
	"ip link set reth1 up"
like "$(jq -r '.steps[] | select(.id == "up") | .hint' "$GRADE_JSON")" "reth1" \
	"reth1 down: the hint names reth1"
break_like lesson_solve_real "beth1 out of the bridge" "ip link set beth1 nomaster" \
	"bridge ping fdb"
break_like lesson_solve "the address on the host's end" \
	"ip -n BLUE addr del 11.11.11.3/24 dev beth0 && ip addr add 11.11.11.3/24 dev beth1" \
	"addresses ping"
like "$(jq -r '.steps[] | select(.id == "addresses") | .hint' "$GRADE_JSON")" "beth1" \
	"the address on beth1: the hint says it belongs on beth0"

done_testing
