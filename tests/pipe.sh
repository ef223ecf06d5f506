#!/bin/bash
# pipe.sh: the tutorials' pipes typed into nstutor ("ip link ls | grep
# veth", "iptables -L | grep FORWARD"): on a lab with namespaces, veth
# pairs, a bridge and a FORWARD policy, nstutor prints exactly the lines
# the real pipeline prints in the same world, with sh's exit status (the
# last filter's); grep, head, tail and wc match the real ones on a text
# full of corner cases; no grep is started; ping streams through a pipe
# and stops when head has its lines; nstutor's notes stay out of the
# pipe; what may not follow "|", redirections and "&" are refused before
# anything runs, and a dangling "|" gets sh's error; "&&" and "||" run
# the next command as sh does; valgrind finds no leak.
. "${top_srcdir:-.}/tests/lib.sh"
need_tools ip iptables-nft jq strace
need_nf_tables

# --- the lab -----------------------------------------------------------------
ip netns add RED
ip netns add BLUE
ip link add br0 type bridge
ip link set br0 up
ip addr add 11.11.11.1/24 dev br0
for ns in RED BLUE; do
	h=veth${ns,,}
	ip link add "$h" type veth peer name eth0 netns "$ns"
	ip link set "$h" master br0 up
	ip -n "$ns" link set eth0 up
	ip -n "$ns" link set lo up
done
ip -n RED addr add 11.11.11.2/24 dev eth0
ip -n BLUE addr add 11.11.11.3/24 dev eth0
iptables-nft -P FORWARD DROP
iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT
wait_dad RED BLUE

# same_pipe LINE [REAL]: nstutor's LINE prints what sh prints for REAL
# (default: LINE), stdout and stderr, and leaves with the same status.
same_pipe() {
	local line=$1 real=${2:-$1} want got
	want=$(bash -c "$real" 2>&1; echo "status $?")
	got=$(nst -c "$line" 2>&1; echo "status $?")
	is "$got" "$want" "$line: the real pipeline's lines and status"
}

same_pipe 'ip link ls | grep veth'
same_pipe 'ip a | grep inet'
same_pipe 'ip -br a | grep -v lo'
same_pipe 'iptables -L | grep FORWARD' 'iptables-nft -L | grep FORWARD'
same_pipe 'iptables -t filter -L | grep policy' \
	'iptables-nft -t filter -L | grep policy'
same_pipe 'ip a | grep -c inet'
same_pipe 'ip link | head -n 2'
same_pipe 'ip a | grep inet | wc -l'
same_pipe 'ip -n RED a | grep -w inet'
same_pipe "ip a | grep -iE 'UP|down'"
same_pipe 'ip netns exec BLUE ip -br a | grep eth0'
same_pipe 'ip link | head -3'
same_pipe 'ip link | tail -n 2'
same_pipe 'ip a | tail -n +3 | head -n -2 | wc'
same_pipe 'ip -br link | grep -n -e veth -e br0'
same_pipe 'iptables -S | grep -F -- "-j ACCEPT"' \
	'iptables-nft -S | grep -F -- "-j ACCEPT"'
same_pipe 'ip route | grep -x "11.11.11.0/24 dev br0 proto kernel scope link src 11.11.11.1"'
same_pipe 'ip a | grep nowhere'
same_pipe 'ip a | grep -c nowhere'
same_pipe 'ip a | grep -q inet'
same_pipe 'ip link show nosuch | grep nosuch'
same_pipe "ip a | grep 'inet\\{'"
same_pipe 'ip a | grep -E "(inet"'
same_pipe 'ip link | head -n 0'

# --- grep, head, tail and wc on a text full of corner cases -----------------
# (nstutor runs the real cat inside RED; the filters are its own)
text=$TEST_TMP/text
printf '%s\n' 'inet 10.0.0.1/24' 'INET6 fe80::1' 'inetx' 'x_inet' 'inet-y' \
	'' 'a.b*c' 'tab	here' '  two  words  ' 'veth0@if2' 'a[1]' \
	'état' >"$text"
printf 'last line without newline' >>"$text"
for f in 'grep inet' 'grep -i inet' 'grep -w inet' 'grep -wi INET' \
	'grep -v inet' 'grep -vc inet' 'grep -c ""' 'grep -x inetx' \
	'grep -F a.b*c' 'grep a.b*c' "grep -E 'inet|veth'" "grep 'inet\\|veth'" \
	'grep -e a -e 1' 'grep -n inet' 'grep -ivn inet' "grep '^\$'" \
	'grep -w words' 'grep -F "a[1]"' 'grep -E "a\\[1\\]"' 'grep without' \
	'grep -ie INET6' 'grep -- -y' 'head' 'head -n 3' 'head -4' 'head -n -3' \
	'tail' 'tail -n 1' 'tail -3' 'tail -n +12' 'tail -n 0' 'wc' 'wc -l' \
	'wc -w' 'wc -c' 'wc -lc' 'wc --lines' 'grep inet | wc -l' \
	'head -n 8 | tail -n 3 | grep -v x' 'grep -c inet | head -1'; do
	same_pipe "ip netns exec RED cat $text | $f" "cat $text | $f"
done

# --- nstutor's own filters: no program is started ---------------------------
execs=$(strace -f -qq -e trace=execve "$NSTUTOR" --world=host --plain \
	-c 'ip a | grep inet | head -n 3 | wc -l' 2>&1 >/dev/null |
	grep -c 'execve(')
is "$execs" 1 "a pipeline starts no program (one execve: nstutor's own)"

# --- nstutor's notes stay out of the pipe ------------------------------------
out=$(nstutor_ -c 'ip -n RED -br link | wc -l')
is "$(printf '%s\n' "$out" | head -n 1)" "$(ip -n RED -br link | wc -l)" \
	"without --plain, wc -l counts only what ip prints"
like "$(printf '%s\n' "$out" | tail -n +2)" '^# ' \
	"and nstutor's notes come after, as notes"

# --- ping through a pipe ------------------------------------------------------
out=$(nst -c 'ip netns exec RED ping -c 3 -i 0.2 11.11.11.3 | grep -c ttl')
is "$out" 3 "ping | grep -c ttl counts the replies"
start=$(date +%s%N)
out=$(nst -c 'ip netns exec RED ping -c 25 -i 0.2 11.11.11.3 | head -n 2')
rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
is "$(printf '%s\n' "$out" | wc -l)" 2 "ping | head -n 2: two lines"
like "$out" 'icmp_seq=1 ' "the first reply among them"
is "$rc" 0 "and head's status"
[ "$elapsed" -lt 3000 ]
ok $? "ping stops once head has its lines (${elapsed} ms, not 5 s)"

# --- what is refused, and then nothing runs ---------------------------------
cd "$TEST_TMP" || exit 1
refused() { # refused LINE WANT DESCRIPTION: LINE fails saying WANT, runs nothing
	local before after rc
	before=$(world_state)
	nstutor_ -c "$1" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	after=$(world_state)
	ok $((rc == 0)) "$3: fails"
	like "$(cat "$TEST_TMP/err")" "$2" "$3: says so"
	grep -q '^hint: ' "$TEST_TMP/err"
	ok $? "$3: with a hint"
	is "$after" "$before" "$3: nothing ran"
}
refused 'ip netns add GREEN | sort' \
	'"sort" after "\|" is not supported here; what may follow "\|" is grep, head, tail, wc' \
	'| sort'
refused 'ip netns add GREEN | grep x | awk 1' '"awk" after "\|"' '| grep | awk'
refused 'ip netns add GREEN; ip a | less' '"less" after "\|"' \
	'an earlier command of the line'
refused 'ip netns add GREEN | grep -A 2 x' 'grep: option -A is not supported here' \
	'grep -A'
refused 'ip netns add GREEN | head -n x' "head: invalid number of lines: 'x'" \
	'head -n x'
refused 'ip netns add GREEN | grep x file' 'grep: reads no files here' \
	'grep with a file'
refused 'ip netns add GREEN > redirected.txt' \
	'">" is not supported here; .*"\|" \(to grep, head, tail, wc\)' \
	'a redirection'
refused 'ip netns add GREEN 2>&1' '">&" is not supported' '2>&1'
refused 'ip a < /dev/null' '"<" is not supported' 'an input redirection'
refused 'ip netns add GREEN &' '"&" is not supported' 'a background job'
refused 'grep inet' 'grep: reads what a command prints, after "\|"' \
	'grep with nothing before it'
refused 'tcpdump -i br0 | grep ICMP' 'tcpdump runs in the background here' \
	'tcpdump | grep'
[ ! -e redirected.txt ]
ok $? "no file was written"

mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
out=$(NSTUTOR_LOCALEDIR="$TEST_TMP/locale" nstutor_ --lang ko -c 'ip a | sort' 2>&1)
like "$out" '여기서는 "\|" 뒤의 "sort"를 지원하지 않습니다' \
	"--lang ko: the refusal in Korean"

# sh's own words for a "|" without a command on one side
for line in 'ip a |' '| grep x' 'ip a | | grep x' 'ip a && || ip a' 'ip a | ;'; do
	want=$(sh -c "$line" 2>&1 | sed 's/^sh: [0-9]*: //')
	got=$(nst -c "$line" 2>&1)
	rc=$?
	is "$got" "nstutor: $want" "'$line': sh's error"
	ok $((rc == 0)) "'$line': fails"
done

# --- && and || -----------------------------------------------------------------
nst -c 'ip netns add G1 && ip netns add G2'
is "$(ip netns list | grep -c '^G[12]')" 2 "a && b: b runs when a succeeded"
nst -c 'ip netns add G1 && ip netns add G3' 2>/dev/null
rc=$?
ip netns list | grep -q '^G3'
ok $((! $?)) "a && b: b does not run when a failed"
is "$rc" 1 "a && b: a's status"
nst -c 'ip netns add G1 || ip netns add G4' 2>/dev/null
rc=$?
ip netns list | grep -q '^G4'
ok $? "a || b: b runs when a failed"
is "$rc" 0 "a || b: b's status"
nst -c 'ip netns add G5 || ip netns add G6'
ip netns list | grep -q '^G6'
ok $((! $?)) "a || b: b does not run when a succeeded"
nst -c 'ip netns list | grep -q G1 && ip netns add G7 || ip netns add G8'
is "$(ip netns list | grep -c '^G[78]')" 1 "a | grep -q && b || c: b ran, c did not"
ip netns list | grep -q '^G7'
ok $? "and b was G7"
nst -c 'ip netns list | grep -q NOWHERE && ip netns add G9 || ip netns add G10'
is "$(ip netns list | grep -c '^G\(9\|10\)$')" 1 "grep -q failing: c ran, b did not"
ip netns list | grep -q '^G10'
ok $? "and c was G10"

# --- valgrind: a pipeline frees what it takes ----------------------------------
if ! command -v valgrind >/dev/null; then
	echo "ok $((tap_n += 1)) # SKIP valgrind is not installed"
elif ldd "$NSTUTOR" 2>/dev/null | grep -q libasan ||
	nm "$NSTUTOR" 2>/dev/null | grep -q __asan_init; then
	echo "ok $((tap_n += 1)) # SKIP nstutor is built with AddressSanitizer"
else
	valgrind --quiet --leak-check=full --error-exitcode=9 \
		--log-file="$TEST_TMP/vg" "$NSTUTOR" --world=host \
		-c 'ip a | grep inet' -c 'ip a | grep -c inet | wc -l' \
		-c 'ip link | tail -n 2 | head -n -1' >/dev/null
	rc=$?
	is "$rc:$(grep -v '^==[0-9]*== *$' "$TEST_TMP/vg")" 0: \
		"valgrind: no error, no leak (the filters' child too)"
fi

done_testing
