#!/bin/bash
# check.sh: every kind of lesson check (src/check*.c) against a lab built
# with the real ip and iptables-nft: each holds and fails as the real
# tools show the state, with the words a learner reads; a rule is found
# by its meaning, also through a jump; and evaluating checks changes
# nothing the real tools can see.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/bridge-lab.sh"
need_tools ip jq nft iptables-nft bridge
need_nf_tables

drive="$top_builddir/tests/check-drive"
[ -x "$drive" ] || { echo "1..0 # SKIP no $drive (make check builds it)"; exit 0; }
# the driver; what it says on stderr (a sanitizer's report) is kept
D() { "$drive" "$@" 2>>"$TEST_TMP/stderr"; }
D=D

# says WANT CHECK: the driver's line for CHECK is exactly WANT.
says() { is "$($D "$2")" "$1" "$2"; }
# holds_iff STATUS CHECK: CHECK holds exactly when the oracle's STATUS is 0.
holds_iff() {
	local got
	got=$($D "$2")
	if [ "$1" = 0 ]; then like "$got" '^holds: ' "$2 holds, as the real tools show"
	else like "$got" '^fails: ' "$2 fails, as the real tools show"; fi
}

# What the real tools see; counters tick with probes, so -c leaves them out.
snap() {
	local ns filter=.
	[ "${1:-}" = -c ] && filter='walk(if type == "object" then del(.counter) else . end)'
	for ns in host RED BLUE; do
		echo "== $ns"
		in_ns $ns ip -j link show
		in_ns $ns ip -j addr show
		in_ns $ns ip -j route show
		in_ns $ns nft -j list ruleset | jq -c "$filter"
	done
}

# The tutorials' bridge lab, without IPv6 (nothing then moves by itself).
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns add RED
ip netns add BLUE
for ns in RED BLUE; do
	in_ns $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
# the lab of tests/bridge-lab.sh, with beth1 still down (the checks
# below bring it up); RED and BLUE are there already
bridge_lab_lines | grep -vxE 'ip netns add (RED|BLUE)|ip link set beth1 up' |
	bash -e

# ---- parse errors reach the driver ----
says "bad: addr needs NS DEV CIDR, like: addr RED reth0 11.11.11.2/24" "addr RED reth0"
says "bad: 11.11.11.2/33 is not an address/prefix (like 11.11.11.2/24)" "addr RED reth0 11.11.11.2/33"

# every check the lessons hold is read
if ls "$top_srcdir"/lessons/*.lesson >/dev/null 2>&1; then
	mapfile -t lines < <(sed -n 's/^\(check\|moment\|when\): *//p' "$top_srcdir"/lessons/*.lesson | sort -u)
	bad=$("$drive" -p "${lines[@]}" | paste -d'|' <(printf '%s\n' "${lines[@]}") - | grep -v '|ok$')
	is "$bad" "" "the ${#lines[@]} checks of the lessons are all read"
fi

# ---- netns ----
says "holds: there is a namespace RED" "netns RED"
says "fails: there is no namespace GREEN" "netns GREEN"
like "$($D '!netns GREEN')" '^holds' "!netns GREEN holds"
like "$($D '!netns RED')" '^fails: there is a namespace RED' "!netns RED fails, saying RED is there"
says "holds: there is a namespace host" "netns host"

# ---- link ----
says "fails: RED has no link reth9 (it has: lo, reth0)" "link RED reth9"
says "fails: there is no namespace GREEN" "link GREEN reth0"
says "holds: RED has a link reth0" "link RED reth0"
says "fails: beth1 exists but is DOWN" "link host beth1 up"
up=$(ip -j link show beth1 | jq -r '.[0].flags | index("UP") != null')
is "$up" false "the real ip shows beth1 down too"
like "$($D '!link host beth1 up')" '^holds' "!link host beth1 up holds while it is down"
ip link set beth1 up
says "holds: beth1 is UP" "link host beth1 up"
says "fails: beth1 is UP" "! link host beth1 up"
says "holds: br0 is a bridge" "link host br0 type bridge"
says "fails: reth1 is a veth, not a bridge" "link host reth1 type bridge"
says "fails: lo is not a veth (it has no type of its own)" "link host lo type veth"
says "holds: reth1 is a port of br0" "link host reth1 master br0"
is "$(ip -j link show reth1 | jq -r '.[0].master')" br0 "the real ip shows reth1's master br0"
ip link add br1 type bridge
says "fails: reth1 is a port of br0, not of br1" "link host reth1 master br1"
ip link del br1
says "fails: br0 is not a port of br0 (it has no master)" "link host br0 master br0"
says "holds: reth0's other end is reth1 in host" "link RED reth0 peer host reth1"
says "holds: reth1's other end is reth0 in RED" "link host reth1 peer RED reth0"
says "holds: beth1's other end is beth0 in BLUE" "link host beth1 peer BLUE beth0"
says "fails: reth0's other end is reth1 in host, not in BLUE" "link RED reth0 peer BLUE reth1"
says "fails: reth0's other end is reth1, not beth1" "link RED reth0 peer host beth1"
says "fails: br0 is not a veth, so it has no other end" "link host br0 peer RED reth0"
ip link add veth0 type veth peer name veth1
says "holds: veth0's other end is veth1 in host" "link host veth0 peer host veth1"
says "fails: veth0's other end is veth1 in host, not in BLUE" "link host veth0 peer BLUE veth1"
ip link del veth0

# ---- addr ----
says "holds: reth0 has the address 11.11.11.2/24" "addr RED reth0 11.11.11.2/24"
says "fails: reth0 has no address 11.11.11.5/24 (it has: 11.11.11.2/24)" "addr RED reth0 11.11.11.5/24"
says "fails: reth0 has no address 11.11.11.2/16 (it has: 11.11.11.2/24)" "addr RED reth0 11.11.11.2/16"
says "fails: reth1 has no address 11.11.11.1/24 (it has: none)" "addr host reth1 11.11.11.1/24"
says "fails: RED has no link eth0 (it has: lo, reth0)" "addr RED eth0 11.11.11.2/24"
in_ns RED ip -j addr show reth0 | jq -e '.[0].addr_info[] | select(.local == "11.11.11.2" and .prefixlen == 24)' >/dev/null
ok $? "the real ip shows 11.11.11.2/24 on reth0"

# ---- route ----
says "holds: RED's route to 11.11.11.0/24 goes through reth0" "route RED 11.11.11.0/24 dev reth0"
says "holds: RED's route to 11.11.11.0/24 goes through reth0" "route RED 11.11.11.7/24 dev reth0"
says "fails: RED has no default route" "route RED default via 11.11.11.1"
says "fails: RED has no route to 10.0.0.0/24" "route RED 10.0.0.0/24 dev reth0"
says "fails: RED's route to 11.11.11.0/24 goes straight out of reth0, not via 11.11.11.1" \
	"route RED 11.11.11.0/24 via 11.11.11.1"
ip -n RED route add default via 11.11.11.3
ip -n RED route add 10.0.0.0/24 via 11.11.11.3
says "holds: RED's route to default is via 11.11.11.3" "route RED default via 11.11.11.3"
says "fails: RED's route to default is via 11.11.11.3, not 11.11.11.1" "route RED default via 11.11.11.1"
says "holds: RED's route to 10.0.0.0/24 is via 11.11.11.3" "route RED 10.0.0.0/24 via 11.11.11.3"
says "holds: RED's route to 10.0.0.0/24 goes through reth0" "route RED 10.0.0.0/24 dev reth0"
says "fails: RED has no link reth1 (it has: lo, reth0)" "route RED 10.0.0.0/24 dev reth1"
is "$(in_ns RED ip -j route show default | jq -r '.[0].gateway')" 11.11.11.3 "the real ip shows the default route via 11.11.11.3"
ip -n RED route del 10.0.0.0/24
ip -n RED route del default

# ---- sysctl ----
for ns in host RED; do
	v=$(in_ns $ns sysctl -n net.ipv4.ip_forward)
	says "holds: net.ipv4.ip_forward is $v in $ns" "sysctl $ns net.ipv4.ip_forward $v"
	says "fails: net.ipv4.ip_forward is $v in $ns, not $((1 - v))" "sysctl $ns net.ipv4.ip_forward $((1 - v))"
done
sysctl -qw net.ipv4.ip_forward=1
says "holds: net.ipv4.ip_forward is 1 in host" "sysctl host net.ipv4.ip_forward 1"
says "holds: net.ipv4.ip_forward is 0 in RED" "sysctl RED net.ipv4.ip_forward 0"
sysctl -qw net.ipv4.ip_forward=0
range=$(in_ns RED sysctl -n net.ipv4.ping_group_range | tr -s '\t ' '  ')
says "holds: net.ipv4.ping_group_range is $range in RED" "sysctl RED net.ipv4.ping_group_range $range"
says "fails: there is no sysctl net.ipv4.no_such_thing in RED" "sysctl RED net.ipv4.no_such_thing 1"

# ---- neigh and fdb, before and after a ping ----
is "$(in_ns RED ip -j neigh show 11.11.11.3 | jq length)" 0 "the real ip: RED has no ARP entry for 11.11.11.3 yet"
says "fails: RED has no ARP entry for 11.11.11.3 on reth0 (no packet has gone there yet)" "neigh RED reth0 11.11.11.3"
learned() { bridge -j fdb show br br0 brport "$1" | jq '[.[] | select((.flags // []) | index("self") | not) | select(.state != "permanent")] | length'; }
is "$(learned reth1)" 0 "the real bridge: br0 has learned nothing on reth1"
says "fails: br0 has learned no MAC on reth1 yet (no frame has come in through it)" "fdb host br0 reth1"
says "fails: RED has no link br0 (it has: lo, reth0)" "fdb RED br0 reth0"
says "fails: reth1 is not a bridge" "fdb host reth1 br0"

says "holds: RED did get a reply from 11.11.11.3" "ping RED 11.11.11.3"
in_ns RED ping -c1 -W1 11.11.11.3 >/dev/null
ok $? "the real ping gets a reply too"
says "fails: RED did get a reply from 11.11.11.3" "noping RED 11.11.11.3"
says "fails: RED did get a reply from 11.11.11.3" "!ping RED 11.11.11.3"

mac=$(in_ns BLUE ip -j link show beth0 | jq -r '.[0].address')
state=$(in_ns RED ip -j neigh show 11.11.11.3 dev reth0 | jq -r '.[0].state[0]')
like "$state" '^(REACHABLE|STALE|DELAY|PROBE)$' "the real ip: RED learned 11.11.11.3 ($state)"
says "holds: RED knows 11.11.11.3's MAC on reth0: $mac" "neigh RED reth0 11.11.11.3"
ok $(( $(learned reth1) == 0 )) "the real bridge: br0 has learned a MAC on reth1"
rmac=$(in_ns RED ip -j link show reth0 | jq -r '.[0].address')
says "holds: br0 has learned $rmac on reth1" "fdb host br0 reth1"
says "fails: br0 has learned $rmac on reth1" "!fdb host br0 reth1"
in_ns RED ip neigh add 11.11.11.9 dev reth0 nud failed 2>/dev/null ||
	in_ns RED ping -c1 -W1 11.11.11.9 >/dev/null
st=$(in_ns RED ip -j neigh show 11.11.11.9 dev reth0 | jq -r '.[0].state[0] // "none"')
if [ "$st" = INCOMPLETE ] || [ "$st" = FAILED ]; then
	says "fails: RED's ARP entry for 11.11.11.9 on reth0 is $st: no MAC learned" "neigh RED reth0 11.11.11.9"
else
	diag "no INCOMPLETE/FAILED entry to look at ($st)"
fi

says "fails: RED got no reply from 11.11.11.9 within 1 s" "ping RED 11.11.11.9"
says "holds: RED got no reply from 11.11.11.9 within 1 s" "noping RED 11.11.11.9"
says "fails: RED has no route to 10.1.1.1" "ping RED 10.1.1.1"
says "holds: RED has no route to 10.1.1.1" "noping RED 10.1.1.1"
says "fails: there is no namespace GREEN" "ping GREEN 11.11.11.3"

# ---- policy and rules: seed 000's FORWARD DROP, and a chain NAVY ----
says "holds: FORWARD's policy is ACCEPT" "policy host filter FORWARD ACCEPT"
says "fails: FORWARD's policy is ACCEPT, not DROP" "policy host filter FORWARD DROP"
is "$(nft -j list ruleset | jq '.nftables | map(select(.table)) | length')" 0 "reading the firewall made no table"
iptables-nft -P FORWARD DROP
iptables-nft -N NAVY
iptables-nft -A FORWARD -j NAVY
iptables-nft -A NAVY -s 11.11.11.0/24 -j ACCEPT
iptables-nft -A FORWARD -p tcp -d 11.11.11.3 --dport 80 -j ACCEPT
iptables-nft -A FORWARD -i reth1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
iptables-nft -t nat -A POSTROUTING -s 11.11.11.0/24 -j MASQUERADE
iptables-nft -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80
in_ns RED iptables-nft -P INPUT DROP
says "holds: FORWARD's policy is DROP" "policy host filter FORWARD DROP"
says "fails: FORWARD's policy is DROP, not ACCEPT" "policy host filter FORWARD ACCEPT"
iptables-nft -S FORWARD | grep -qx -- '-P FORWARD DROP'
ok $? "iptables-nft -S shows the policy DROP too"
says "holds: RED: INPUT's policy is DROP" "policy RED filter INPUT DROP"
says "fails: BLUE: INPUT's policy is ACCEPT, not DROP" "policy BLUE filter INPUT DROP"
says "holds: POSTROUTING's policy is ACCEPT" "policy host nat POSTROUTING ACCEPT"

# by meaning, in several forms, through the jump to NAVY
for spec in "-s 11.11.11.0/24 -j ACCEPT" "--source 11.11.11.0/24 --jump ACCEPT" \
	"-s 11.11.11.5/24 -j ACCEPT" "--src 11.11.11.0/255.255.255.0 -j ACCEPT"; do
	says "holds: NAVY has the rule -s 11.11.11.0/24 -j ACCEPT (FORWARD jumps there)" \
		"rule host filter FORWARD $spec"
	# shellcheck disable=SC2086
	iptables-nft -C NAVY $spec 2>/dev/null
	holds_iff $? "rule host filter NAVY $spec"
done
says "holds: FORWARD has the rule -j NAVY" "rule host filter FORWARD -j NAVY"
says "fails: NAVY has the rule -s 11.11.11.0/24 -j ACCEPT (FORWARD jumps there)" \
	"!rule host filter FORWARD -s 11.11.11.0/24 -j ACCEPT"
says "fails: no rule in FORWARD (or the chains it jumps to) accepts -s 11.11.12.0/24" \
	"rule host filter FORWARD -s 11.11.12.0/24 -j ACCEPT"
says "fails: no rule in FORWARD (or the chains it jumps to) drops -s 11.11.11.0/24" \
	"rule host filter FORWARD -s 11.11.11.0/24 -j DROP"
says "fails: no rule in FORWARD (or the chains it jumps to) accepts -d 11.11.11.0/24" \
	"rule host filter FORWARD -d 11.11.11.0/24 -j ACCEPT"
says "fails: no rule in INPUT (or the chains it jumps to) accepts every packet" \
	"rule host filter INPUT -j ACCEPT"
says "fails: the filter table has no chain TEAL" "rule host filter TEAL -j ACCEPT"
for spec in "-p tcp -d 11.11.11.3 --dport 80 -j ACCEPT" \
	"-p tcp --destination-port 80 --destination 11.11.11.3/32 -j ACCEPT" \
	"-d 11.11.11.3 -p tcp -m tcp --dport 80 -j ACCEPT" \
	"-p tcp -d 11.11.11.3 --dport 81 -j ACCEPT" \
	"-p udp -d 11.11.11.3 --dport 80 -j ACCEPT" \
	"-i reth1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" \
	"-m conntrack --ctstate RELATED,ESTABLISHED -i reth1 -j ACCEPT" \
	"-m conntrack --ctstate ESTABLISHED -i reth1 -j ACCEPT" \
	"! -i reth1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT"; do
	# shellcheck disable=SC2086
	iptables-nft -C FORWARD $spec 2>/dev/null
	holds_iff $? "rule host filter FORWARD $spec"
done
like "$($D "rule host nat POSTROUTING -s 11.11.11.0/24 -j MASQUERADE")" \
	'^holds: POSTROUTING has the rule -s 11.11.11.0/24 -j MASQUERADE$' "MASQUERADE found in nat POSTROUTING"
says "holds: PREROUTING has the rule -p tcp -m tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80" \
	"rule host nat PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.3:80"
says "fails: no rule in nat PREROUTING (or the chains it jumps to) is -p tcp -m tcp --dport 8080 -j DNAT --to-destination 11.11.11.4:80" \
	"rule host nat PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.4:80"
says "fails: no rule in nat POSTROUTING (or the chains it jumps to) is -s 11.11.12.0/24 -j MASQUERADE" \
	"rule host nat POSTROUTING -s 11.11.12.0/24 -j MASQUERADE"
says "fails: RED: no rule in FORWARD (or the chains it jumps to) accepts -s 11.11.11.0/24" \
	"rule RED filter FORWARD -s 11.11.11.0/24 -j ACCEPT"

in_ns RED iptables-nft -P INPUT ACCEPT

# ---- in Korean, from po/ko.po ----
mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt --check -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po" 2>/dev/null
ok $? "po/ko.po compiles"
ko() { LANGUAGE=ko NSTUTOR_LOCALEDIR="$TEST_TMP/locale" "$drive" "$@" 2>>"$TEST_TMP/stderr"; }
is "$(ko "netns GREEN")" "fails: 네임스페이스 GREEN이 없습니다" "Korean: there is no namespace"
is "$(ko "link host reth1 type bridge")" "fails: reth1은 bridge가 아니라 veth입니다" \
	"Korean: the words in their Korean order, each particle fitting its name"
is "$(ko "policy host filter FORWARD ACCEPT")" "fails: FORWARD의 정책은 ACCEPT가 아니라 DROP입니다" \
	"Korean: a policy"
is "$(ko -p "addr RED reth0 11.11.11.2/33")" "bad: 11.11.11.2/33은 주소/프리픽스가 아닙니다 (예: 11.11.11.2/24)" \
	"Korean: a parse error"

# ---- evaluating changes nothing the real tools see ----
all_quiet=(
	"netns RED" "link RED reth0 up" "link host reth1 master br0" "link RED reth0 peer host reth1"
	"addr RED reth0 11.11.11.2/24" "route RED default via 11.11.11.1" "neigh RED reth0 11.11.11.3"
	"fdb host br0 reth1" "sysctl RED net.ipv4.ip_forward 1" "policy host filter FORWARD DROP"
	"policy BLUE filter FORWARD DROP" "policy BLUE nat PREROUTING ACCEPT"
	"rule host filter FORWARD -s 11.11.11.0/24 -j ACCEPT" "rule BLUE nat POSTROUTING -j MASQUERADE")
before=$(snap)
$D "${all_quiet[@]}" >/dev/null
is "$(snap)" "$before" "the checks that send nothing leave ip -j link/addr/route and nft -j byte-identical"
before=$(snap -c)
$D "ping RED 11.11.11.3" "noping RED 11.11.11.9" "ping BLUE 11.11.11.2" >/dev/null
is "$(snap -c)" "$before" "ping and noping leave them identical too (but the rules' counters)"

# ---- speed: a bridge lesson's checks with their ping ----
iptables-nft -P FORWARD ACCEPT
iptables-nft -t nat -F
"$drive" -T "netns RED" "netns BLUE" "link RED reth0 up" "link BLUE beth0 up" "link host br0 type bridge" \
	"link host br0 up" "link host reth1 master br0" "link host beth1 master br0" "link host reth1 up" \
	"link host beth1 up" "addr RED reth0 11.11.11.2/24" "addr BLUE beth0 11.11.11.3/24" \
	"fdb host br0 reth1" "ping RED 11.11.11.3" "ping BLUE 11.11.11.2" >"$TEST_TMP/fast" 2>"$TEST_TMP/ms"
ms=$(sed -n 's/^ms //p' "$TEST_TMP/ms")
diag "a bridge lesson's 15 checks took $ms ms"
is "$(grep -vc '^holds' "$TEST_TMP/fast")" 0 "every one of them holds"
limit=30
nm "$drive" 2>/dev/null | grep -q __asan_init && limit=300 # sanitizers are slow
ok $(awk -v m="$ms" -v l=$limit 'BEGIN { print (m < l) ? 0 : 1 }') "and they took under $limit ms ($ms)"

# ---- http ----
# A server in BLUE: python3's, or one netcat-openbsd per request.
srv= nc_srv=
reply='HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\nhello from BLUE\n'
if command -v python3 >/dev/null && python3 -c 'import http.server' 2>/dev/null; then
	mkdir -p "$TEST_TMP/www"
	echo "hello from BLUE" >"$TEST_TMP/www/index.html"
	# ip netns exec and python3 exec: $! is the server itself
	ip netns exec BLUE python3 -m http.server 8080 --bind 11.11.11.3 --directory "$TEST_TMP/www" >/dev/null 2>&1 &
	srv=$!
	trap 'kill $srv 2>/dev/null; nst_cleanup' EXIT
elif nc -h 2>&1 | grep -q OpenBSD; then
	nc_srv=1
fi
# serve: before each request when netcat serves (one answer each).
serve() {
	[ -n "$nc_srv" ] || return 0
	# shellcheck disable=SC2059
	printf "$reply" | ip netns exec BLUE nc -N -l 11.11.11.3 8080 >/dev/null 2>&1 &
	srv=$!
}
listening() {
	for _ in $(seq 50); do
		in_ns BLUE ss -Hltn 'sport = :8080' | grep -q . && return 0
		sleep 0.1
	done
	return 1
}
if [ -z "$srv" ] && [ -z "$nc_srv" ]; then
	diag "no python3 nor netcat-openbsd: http is not tried"
else
	serve
	listening
	ok $? "a web server listens in BLUE"
	serve; listening
	says "holds: http://11.11.11.3:8080/ answered 200 with \"hello from BLUE\"" \
		"http RED http://11.11.11.3:8080/ hello from BLUE"
	serve; listening
	says "fails: http://11.11.11.3:8080/ answered 200, but the page does not say \"hello from RED\"" \
		"http RED http://11.11.11.3:8080/ hello from RED"
	serve; listening
	says "fails: http://11.11.11.3:8080/ answered 200" "!http RED http://11.11.11.3:8080/"
	if [ -z "$nc_srv" ]; then
		says "fails: http://11.11.11.3:8080/nothere answered 404" "http RED http://11.11.11.3:8080/nothere"
	fi
	says "fails: http://11.11.11.3:8081/: could not connect: Connection refused" "http RED http://11.11.11.3:8081/"
	like "$($D "!http RED http://11.11.11.3:8081/")" '^holds' "!http holds where nothing answers"
	in_ns BLUE iptables-nft -A INPUT -p tcp --dport 8082 -j DROP
	says "fails: http://11.11.11.3:8082/ did not answer within 2 s" "http RED http://11.11.11.3:8082/"
	kill "$srv" 2>/dev/null
	wait 2>/dev/null
fi

grep -aE 'Sanitizer|runtime error' "$TEST_TMP/stderr" | head -20 | sed 's/^/# /'
! grep -qaE 'Sanitizer|runtime error' "$TEST_TMP/stderr"
ok $? "no sanitizer spoke"

done_testing
