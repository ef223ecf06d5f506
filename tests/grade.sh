#!/bin/bash
# grade.sh: nstutor --check LESSON grades what the kernel holds, step by
# step, as text, JSON (read back by jq) and TAP (read back by perl's
# TAP::Parser); exits 0 / 1 / 2; and never changes the world (ip -j,
# nft -j and the sysctls are byte-identical after it).  The lessons are
# the test's own, in $TEST_TMP/lessons, so it does not depend on the
# shipped ones.
. "${top_srcdir:-.}/tests/lib.sh"

need_tools jq perl nft iptables
need_nf_tables
perl -MTAP::Parser -e 1 2>/dev/null || { echo "1..0 # SKIP no TAP::Parser (perl)"; exit 0; }

L=$TEST_TMP/lessons
mkdir -p "$L" "$TEST_TMP/bad" "$TEST_TMP/xdg"
cat >"$L/tiny.lesson" <<'EOF'
# A small lesson of the test's own; its setup must never run under --check.
lesson: tiny
title: RED and BLUE, briefly
title.ko: RED와 BLUE, 짧게
source: tests/grade.sh
about: A small lesson for the grading tests.
about.ko: 채점 시험을 위한 작은 수업.
setup: ip netns add SETUP

step: spaces
title: Make RED and BLUE
title.ko: RED와 BLUE 만들기
text: Two namespaces.
text.ko: 네임스페이스 둘.
try: ip netns add RED
try: ip netns add BLUE
check: netns RED
check: netns BLUE
when: !netns RED
hint: RED does not exist yet: ip netns add RED
hint.ko: RED가 아직 없습니다: ip netns add RED
hint: BLUE does not exist yet: ip netns add BLUE
hint.ko: BLUE가 아직 없습니다: ip netns add BLUE

step: pair
title: Join them with a veth pair
title.ko: veth 쌍으로 잇기
text: One cable, two ends.
text.ko: 케이블 하나, 끝 둘.
try: ip link add veth0 netns RED type veth peer name veth1 netns BLUE
check: link RED veth0 peer BLUE veth1
hint: make the pair: ip link add veth0 netns RED type veth peer name veth1 netns BLUE
hint.ko: 쌍을 만드세요: ip link add veth0 netns RED type veth peer name veth1 netns BLUE

step: addresses
title: Give both ends an address
title.ko: 양쪽 끝에 주소 주기
text: One subnet.
text.ko: 서브넷 하나.
try: ip -n RED addr add 11.11.11.2/24 dev veth0
check: addr RED veth0 11.11.11.2/24
check: addr BLUE veth1 11.11.11.3/24
hint: ip -n RED addr add 11.11.11.2/24 dev veth0
hint.ko: ip -n RED addr add 11.11.11.2/24 dev veth0

step: up
title: Bring both ends up
title.ko: 양쪽 끝 올리기
text: Links start down.
text.ko: 링크는 내려간 채 시작합니다.
try: ip -n RED link set veth0 up
check: link RED veth0 up
check: link BLUE veth1 up
when: link RED veth0 up
hint: veth1 in BLUE is still down
hint.ko: BLUE의 veth1이 아직 내려가 있습니다
hint: bring both ends up
hint.ko: 양쪽 끝을 올리세요

step: ping
title: RED reaches BLUE
title.ko: RED에서 BLUE로
text: Ping.
text.ko: 핑.
try: ip netns exec RED ping -c1 11.11.11.3
check: ping RED 11.11.11.3
moment: noping RED 11.11.11.3
hint: are both ends up and addressed?
hint.ko: 양쪽 끝이 올라가 있고 주소가 있나요?

step: forward
title: The host forwards
title.ko: 호스트가 전달하기
text: A sysctl.
text.ko: sysctl 하나.
try: sysctl -w net.ipv4.ip_forward=1
check: sysctl host net.ipv4.ip_forward 1
hint: sysctl -w net.ipv4.ip_forward=1
hint.ko: sysctl -w net.ipv4.ip_forward=1

step: rule
title: Accept the lab's subnet, drop the rest
title.ko: 실습 서브넷만 받기
text: A rule and a policy.
text.ko: 규칙 하나와 정책 하나.
try: iptables -P FORWARD DROP
check: rule host filter FORWARD -s 11.11.11.0/24 -j ACCEPT
check: policy host filter FORWARD DROP
hint: iptables -A FORWARD -s 11.11.11.0/24 -j ACCEPT
hint.ko: iptables -A FORWARD -s 11.11.11.0/24 -j ACCEPT
EOF
cat >"$L/solo.lesson" <<'EOF'
lesson: solo
title: One namespace
title.ko: 네임스페이스 하나
source: tests/grade.sh

step: red
title: "Make" RED \ now
title.ko: RED 만들기
text: Quotes and a backslash in the title, for JSON and TAP.
text.ko: 제목에 따옴표와 역슬래시.
check: netns RED
hint: ip netns add RED
hint.ko: ip netns add RED

step: second
title: A second # veth in it
title.ko: 그 안에 두 번째 veth
text: A hash in the title, for TAP.
text.ko: 제목에 해시.
check: link RED v9a type veth
hint: ip -n RED link add v9a type veth peer name v9b
hint.ko: ip -n RED link add v9a type veth peer name v9b
EOF
printf 'lesson: broken\ntitle: Broken\nnonsense: here\n' >"$TEST_TMP/bad/broken.lesson"

# check ARGS...: nstutor --check with the test's lessons; stdout in
# $TEST_TMP/out, stderr in $TEST_TMP/err, the status in $rc.
check() {
	nstutor_ --lessons="$L" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
}
out() { cat "$TEST_TMP/out"; }
js() { jq -r "$1" "$TEST_TMP/out"; }

# tap_read: what TAP::Parser makes of $TEST_TMP/out: "PLANNED RUN
# FAILED-NUMBERS PARSE-ERRORS SKIP+TODO".
tap_read() {
	perl -MTAP::Parser -e '
		local $/; my $t = <STDIN>;
		my $p = TAP::Parser->new({ tap => $t });
		while (defined(my $r = $p->next)) {}
		print STDERR "# parse error: $_\n" for $p->parse_errors;
		printf "%s %d %s %d %d\n", $p->tests_planned // "none", $p->tests_run,
			join(",", $p->actual_failed) || "-", scalar($p->parse_errors),
			scalar($p->skipped) + scalar($p->todo);' <"$TEST_TMP/out"
}

# state: what --check must leave alone, as the real tools print it.
state() {
	local ns
	for ns in host $(ip netns list | cut -d' ' -f1 | sort); do
		echo "== $ns"
		in_ns "$ns" ip -j link
		in_ns "$ns" ip -j addr
		in_ns "$ns" ip -j route
		in_ns "$ns" sysctl net.ipv4.ip_forward
		in_ns "$ns" sh -c 'cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null'
		in_ns "$ns" nft -j list ruleset
	done
	ls -a /run/netns
}

# --- an empty world: every step fails ---
check --check tiny
is "$rc" 1 "empty world: exit 1"
is "$(grep -c '^x \[[1-7]/7\] ' "$TEST_TMP/out")" 7 "empty world: 7 steps marked x (ASCII in the C locale)"
has_line "$(out)" 'x \[1/7\] Make RED and BLUE - .+' "a failing step says what is wrong after its title"
has_line "$(out)" ' +hint: RED does not exist yet: ip netns add RED' "the hint is chosen by the state (when: !netns RED)"
has_line "$(out)" ' +hint: bring both ends up' "a hint whose when: does not hold gives way to the fallback"
is "$(head -1 "$TEST_TMP/out")" "tiny: RED and BLUE, briefly" "a title line first"
is "$(tail -1 "$TEST_TMP/out")" "tiny: 0 of 7 steps pass" "a summary last"
ok "$(grep -c $'\033' "$TEST_TMP/out")" "no colour when stdout is not a terminal"

check --check tiny --format=json
is "$rc" 1 "empty world, JSON: exit 1"
is "$(js '[.lesson, .ok, .passed, .total, (.steps | length)] | @tsv')" \
	"tiny	false	0	7	7" "JSON: lesson, ok, passed, total, steps"
is "$(js '[.steps[] | select(.ok == false and (.failed_check | type) == "string"
	and (.failed_check | length) > 0)] | length')" 7 "JSON: every step failed, each with its failing check in words"
is "$(js '.steps | map(.id) | join(" ")')" "spaces pair addresses up ping forward rule" "JSON: step ids in order"
is "$(js '.steps[0].hint')" "RED does not exist yet: ip netns add RED" "JSON: the hint chosen by the state"
is "$(js '.steps[0] | keys | join(",")')" "failed_check,hint,id,ok,title" "JSON: a step has exactly id, title, ok, failed_check, hint"

check --check tiny --format=tap
is "$rc" 1 "empty world, TAP: exit 1"
is "$(head -1 "$TEST_TMP/out")" "1..7" "TAP: the plan first"
is "$(tap_read)" "7 7 1,2,3,4,5,6,7 0 0" "TAP::Parser: 7 planned, 7 run, all failed, no parse error, no skip/todo"
has_line "$(out)" 'not ok 1 - spaces: Make RED and BLUE # .+' "TAP: not ok N - id: title # failing check"

# --- in Korean ---
check --lang=ko --check tiny --format=json
is "$(js '.steps[0].title')" "RED와 BLUE 만들기" "--lang=ko: the step's Korean title"
is "$(js '.steps[0].hint')" "RED가 아직 없습니다: ip netns add RED" "--lang=ko: the Korean hint"
LC_ALL=C.UTF-8 nstutor_ --lessons="$L" --check tiny >"$TEST_TMP/out" 2>&1
has_line "$(out)" '✗ \[1/7\] Make RED and BLUE — .+' "a UTF-8 locale: ✗ and an em dash"

# --- the lab, built with the real tools: every step passes ---
ip netns add RED && ip netns add BLUE &&
	ip link add veth0 netns RED type veth peer name veth1 netns BLUE &&
	ip -n RED addr add 11.11.11.2/24 dev veth0 &&
	ip -n BLUE addr add 11.11.11.3/24 dev veth1 &&
	ip -n RED link set veth0 up && ip -n BLUE link set veth1 up &&
	ip -n RED link set lo up && ip -n BLUE link set lo up &&
	sysctl -qw net.ipv4.ip_forward=1 &&
	iptables -P FORWARD DROP && iptables -A FORWARD -s 11.11.11.0/24 -j ACCEPT
ok $? "the lab, built with the real ip, sysctl and iptables"
wait_dad RED BLUE

check --check tiny
is "$rc" 0 "built lab: exit 0"
is "$(grep -c '^+ \[[1-7]/7\] ' "$TEST_TMP/out")" 7 "built lab: 7 steps marked +"
ok "$(grep -c 'hint:' "$TEST_TMP/out")" "no hints when everything passes"
is "$(tail -1 "$TEST_TMP/out")" "tiny: 7 of 7 steps pass" "the summary counts them"
check --check tiny --format=json
is "$(js '[.ok, .passed, .total, ([.steps[] | select(.failed_check == null and .hint == null)] | length)] | @tsv')" \
	"true	7	7	7" "JSON: ok, 7 of 7, failed_check and hint null"
check --check tiny --format=tap
is "$(tap_read)" "7 7 - 0 0" "TAP::Parser: 7 planned, 7 run, none failed"
prove -e cat "$TEST_TMP/out" >/dev/null 2>&1
ok $? "prove accepts it"
if command -v script >/dev/null; then
	script -qec "$NSTUTOR --world=$NST_WORLD --lessons=$L --check tiny" /dev/null >"$TEST_TMP/tty" 2>&1
	grep -q $'\033\\[' "$TEST_TMP/tty"
	ok $? "colour on a terminal"
	script -qec "$NSTUTOR --world=$NST_WORLD --plain --lessons=$L --check tiny" /dev/null >"$TEST_TMP/tty" 2>&1
	ok "$(grep -c $'\033\\[' "$TEST_TMP/tty")" "no colour on a terminal with --plain"
fi

# --- read-only: nothing changes, the setup does not run ---
for _ in 1 2 3 4 5 6 7 8 9 10; do # until the lab stops settling by itself
	before=$(state)
	sleep 0.3
	[ "$before" = "$(state)" ] && break
done
for fmt in text json tap; do
	check --check tiny --format=$fmt
	check --check all --format=$fmt
done
after=$(state)
is "$after" "$before" "--check (every format, one lesson and all) leaves ip -j link/addr/route, nft -j and the sysctls byte-identical"
ok "$(ip netns list | grep -c SETUP)" "the lesson's setup did not run"

# --- one thing broken: exactly that step fails ---
sysctl -qw net.ipv4.ip_forward=0
check --check tiny --format=json
is "$rc" 1 "ip_forward=0: exit 1"
is "$(js '[.steps[] | select(.ok == false) | .id] | join(" ")')" forward "ip_forward=0: exactly the forward step fails"
sysctl -qw net.ipv4.ip_forward=1

iptables -D FORWARD -s 11.11.11.0/24 -j ACCEPT
check --check tiny --format=tap
is "$rc" 1 "rule deleted: exit 1"
is "$(tap_read)" "7 7 7 0 0" "rule deleted: TAP says exactly test 7 (the rule step) fails"
iptables -A FORWARD -s 11.11.11.0/24 -j ACCEPT

ip -n BLUE link set veth1 down
check --check tiny --format=json
is "$(js '[.steps[] | select(.ok == false) | .id] | join(" ")')" "up ping" "veth1 down: the up step fails (and the ping it carries)"
is "$(js '.steps[3].hint')" "veth1 in BLUE is still down" "veth1 down: the hint whose when: holds (veth0 is up)"
like "$(js '.steps[3].failed_check')" 'veth1' "veth1 down: the failing check names veth1"
ip -n BLUE link set veth1 up

# --- --check all: every lesson of every directory ---
# (an nstutor with no lessons shipped: a copy away from its build tree,
# which looks only in --lessons DIR and the installed directory)
built=("${NST_ARGV[@]}")
mkdir -p "$TEST_TMP/bare" && cp "$NSTUTOR" "$TEST_TMP/bare/nstutor" &&
	NST_ARGV=("${NST_AS[@]}" "$TEST_TMP/bare/nstutor" --world="$NST_WORLD")
NSTUTOR_LESSONS=$TEST_TMP/none XDG_DATA_HOME=$TEST_TMP/xdg check --check all --format=json
is "$rc" 1 "all: exit 1 (solo's v9a is missing)"
is "$(js 'map(.lesson) | join(" ")')" "solo tiny" "all, JSON: an array of both lessons, sorted"
is "$(js 'map("\(.lesson)=\(.passed)/\(.total)") | join(" ")')" "solo=1/2 tiny=7/7" "all, JSON: each graded"
is "$(js '.[0].steps[0].title')" '"Make" RED \ now' "JSON: quotes and backslash read back by jq"
NSTUTOR_LESSONS=$TEST_TMP/none XDG_DATA_HOME=$TEST_TMP/xdg check --check all --format=tap
is "$(tap_read)" "9 9 2 0 0" "all, TAP: one plan over 9 steps, only test 2 fails"
has_line "$(out)" 'not ok 2 - solo/second: A second \\# veth in it # .+' "all, TAP: lesson/id, and the title's # escaped"
NSTUTOR_LESSONS=$TEST_TMP/none XDG_DATA_HOME=$TEST_TMP/xdg check --check all
has_line "$(out)" 'all 2 lessons: 8 of 9 steps pass' "all, text: a total"
ip -n RED link add v9a type veth peer name v9b
NSTUTOR_LESSONS=$TEST_TMP/none XDG_DATA_HOME=$TEST_TMP/xdg check --check all --format=json
is "$rc:$(js 'map(.ok) | all')" "0:true" "all pass: exit 0"

NST_ARGV=("${built[@]}")

# --- could not grade: exit 2 ---
check --check nosuch
is "$rc" 2 "no such lesson: exit 2"
like "$(cat "$TEST_TMP/err")" "$L" "no such lesson: the error names where it looked"
is "$(out)" "" "no such lesson: nothing on stdout"
nstutor_ --lessons="$TEST_TMP/bad" --check broken >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 2 "a malformed lesson: exit 2"
like "$(cat "$TEST_TMP/err")" "broken\\.lesson:3:" "a malformed lesson: FILE:LINE"
nstutor_ --lessons="$TEST_TMP/bad" --lessons="$L" --check all >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 2 "all, with a malformed lesson among them: exit 2"
like "$(cat "$TEST_TMP/err")" "broken\\.lesson:3:" "all: the malformed lesson's FILE:LINE"
NSTUTOR_RUNTIME_DIR=$TEST_TMP/no-world "$NSTUTOR" --world=sandbox --lessons="$L" --check tiny \
	>"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 2 "a sandbox world that does not exist: exit 2"
ok "$(find "$TEST_TMP/no-world" -name sandbox 2>/dev/null | wc -l)" "and --check made no world"
if [ "$(id -u)" = 0 ] && [ "$(awk '{print $3}' /proc/self/uid_map)" -ge 65536 ] &&
	command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	cp "$NSTUTOR" "$TEST_TMP/nstutor-nobody"
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$TEST_TMP" \
		"$TEST_TMP/nstutor-nobody" --world=host --lessons="$L" --check tiny \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	is "$?:$(out)" "2:" "no permission (the host world as nobody): exit 2, nothing graded"
fi

done_testing
