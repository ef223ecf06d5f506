#!/bin/bash
# lesson-host-veth.sh: the host-veth lesson (seed 001) graded by --check: every
# step fails on an empty world; every step passes after its solution, typed
# in nstutor (serve, curl) or with the real ip, python3's http.server and
# curl; and one thing broken fails exactly the steps that depend on it.
LESSON=host-veth
. "${top_srcdir:-.}/tests/lib.sh"

need_tools python3 curl
. "$top_srcdir/tests/lesson-lib.sh"

lesson_round

break_like lesson_solve_real "veth0 down" "ip link set veth0 down" "up ping curl" \
	"ip link set veth0 up"
break_like lesson_solve_real "lo down in direct_netns" \
	"ip -n direct_netns link set lo down" "lo-up server"
break_like lesson_solve "the server stopped" "lesson_stop_servers" "server curl" \
	"nstutor_ --plain -c 'ip netns exec direct_netns serve http'"
break_like lesson_solve "a /32 instead of a /24" \
	"ip -n direct_netns addr del 10.200.0.3/24 dev veth1 && ip -n direct_netns addr add 10.200.0.3/32 dev veth1" \
	"addresses ping curl"
like "$(jq -r '.steps[] | select(.id == "addresses") | .hint' "$GRADE_JSON")" "/24" \
	"a /32 on veth1: the hint says the /24 was forgotten"

done_testing
