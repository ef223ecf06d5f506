#!/bin/bash
# lesson-port-forward.sh: the port-forward lesson (seeds 004, 001) graded by
# --check: from the internet namespace, http://198.51.100.2:8080/ reaches
# the web server in BLUE only with DNAT, the FORWARD rule and BLUE's way
# back; every step fails on an empty world, passes after the solution
# (nstutor's serve; python3's http.server with real ip and iptables-nft),
# and one thing broken fails exactly the steps that depend on it.
LESSON=port-forward
. "${top_srcdir:-.}/tests/lib.sh"

need_tools python3 curl
. "$top_srcdir/tests/lesson-lib.sh"

# The lesson's premise, step by step, with the real tools: each piece
# alone is not enough.
lesson_world
lesson_setup
ok $? "setup runs in nstutor"
mkdir -p "$WWW" && echo "hello from BLUE" >"$WWW/index.html"
ip netns exec BLUE python3 -m http.server 80 --bind 0.0.0.0 --directory "$WWW" >/dev/null 2>&1 &
echo $! >>"$WWW/pids"
for _ in $(seq 100); do curl -s -o /dev/null http://11.11.11.3/ && break; sleep 0.1; done
outside() { ip netns exec internet curl -s -m 1 http://198.51.100.2:8080/ 2>/dev/null; }
outside >/dev/null
ok $((! $?)) "without DNAT the internet gets nothing"
iptables-nft -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80
outside >/dev/null
ok $((! $?)) "with DNAT alone, FORWARD's DROP stops it"
iptables-nft -A FORWARD -p tcp -d 11.11.11.3 --dport 80 -j ACCEPT
outside >/dev/null
ok $((! $?)) "with the FORWARD rule too, BLUE has no way back"
ip -n BLUE route add default via 11.11.11.1
like "$(outside)" "BLUE" "with BLUE's default route the page arrives"
grade
is "$(failed_ids)" "" "... and every step passes"

lesson_round

break_like lesson_solve_real "BLUE's default route deleted" \
	"ip -n BLUE route del default" "way-back" "ip -n BLUE route add default via 11.11.11.1"
break_like lesson_solve_real "the server stopped" "lesson_stop_servers" "server way-back"
break_like lesson_solve "the DNAT rule deleted" \
	"iptables-nft -t nat -D PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80" \
	"dnat way-back" \
	"iptables-nft -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80"
break_like lesson_solve "policy ACCEPT" "iptables-nft -P FORWARD ACCEPT" "forward"

done_testing
