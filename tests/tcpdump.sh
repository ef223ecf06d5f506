#!/bin/bash
# tcpdump.sh: nstutor's own tcpdump, run from scripts (nstutor -f) in the
# tutorial's bridge lab, against the real tcpdump 4.99 running at the
# same time in the same world: the same lines (timestamps aside), with
# -e, -i any and -c; without -n; -w read back by the real "tcpdump -r";
# tcpdump's banner and closing counts; its errors and exit status for
# bad input; several at once, each line marked, and tcpdump stop [DEV];
# and the end of a tcpdump whose namespace goes.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

need_tools tcpdump jq

build_bridge_lab
wait_dad RED BLUE

# frames: the frame lines of a tcpdump output, without their timestamps;
# frames_any: those lines whole, marked "[NS DEV] " or not.
frames() { grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} ' | cut -c17-; }
frames_any() { grep -E '^(\[[^]]*\] )?[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} '; }

# real_start NS ARGS...: the real tcpdump -l in NS, in the background,
# until it listens; real_stop: Ctrl-C, and its output in $real.
real_start() {
	local ns=$1 i
	shift
	: >"$TEST_TMP/real.err"
	local in=()
	[ "$ns" = host ] || in=(ip netns exec "$ns")
	"${in[@]}" timeout 30 tcpdump -l "$@" >"$TEST_TMP/real.out" 2>"$TEST_TMP/real.err" &
	real_pid=$!
	for i in $(seq 50); do
		grep -q 'listening on' "$TEST_TMP/real.err" && break
		sleep 0.1
	done
}
real_stop() {
	sleep 0.3
	kill -TERM "$real_pid"
	wait "$real_pid"
	real=$(frames <"$TEST_TMP/real.out")
}

# mine SCRIPT-LINES: runs them with nstutor -f; stdout in $mine_out,
# stderr in $mine_err, the frames in $mine.
mine() {
	nst_script >"$TEST_TMP/mine.out" 2>"$TEST_TMP/mine.err"
	mine_status=$?
	mine_out=$(cat "$TEST_TMP/mine.out")
	mine_err=$(cat "$TEST_TMP/mine.err")
	mine=$(frames <"$TEST_TMP/mine.out")
}

# --- a tcpdump in BLUE while RED pings -----------------------------------
real_start BLUE -n -i beth0 icmp
mine <<'EOF'
ip netns exec BLUE tcpdump -n -i beth0 icmp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
EOF
real_stop
ok "$mine_status" "tcpdump then ping: the script succeeds"
is "$(wc -l <<<"$mine")" 4 "two echo requests and two replies are printed"
is "$mine" "$real" "the ICMP lines are the real tcpdump's (timestamps aside)"
is "$(head -n 2 <<<"$mine_err")" "$(head -n 2 "$TEST_TMP/real.err")" \
	"the banner is tcpdump's (verbose output suppressed, listening on beth0)"
is "$(tail -n 3 <<<"$mine_err")" "4 packets captured
4 packets received by filter
0 packets dropped by kernel" "the end of the script stops it with tcpdump's counts"
first_req=$(grep -n 'seq 2, length' "$TEST_TMP/mine.out" | head -n 1 | cut -d: -f1)
first_reply=$(grep -n 'icmp_seq=1 ' "$TEST_TMP/mine.out" | cut -d: -f1)
[ -n "$first_req" ] && [ -n "$first_reply" ] && [ "$first_reply" -lt "$first_req" ]
ok $? "the frames of seq 2 come after ping's reply line for seq 1 (live, not at the end)"

# --- -c: it stops by itself ----------------------------------------------
mine <<'EOF'
ip netns exec BLUE tcpdump -c 2 -i beth0 icmp
ip netns exec RED ping -c 3 -i 0.3 11.11.11.3
tcpdump -i br0 -c 1 icmp
ip netns exec RED ping -c 1 11.11.11.3
EOF
ok "$mine_status" "-c 2, then a second tcpdump once the first has stopped"
is "$(grep -c 'ICMP echo' <<<"$mine")" 3 "-c 2 prints two frames, then -c 1 one"
is "$(grep -E 'captured$' <<<"$mine_err")" "2 packets captured
1 packet captured" "tcpdump's counts when the count is reached (1 packet: singular)"

# --- in BLUE, and without -i ----------------------------------------------
mine <<'EOF'
ip netns exec BLUE tcpdump -i beth0 -c 1
EOF
ok "$mine_status" "ip netns exec BLUE tcpdump -i beth0 -c 1 runs (beth0 is BLUE's)"
like "$mine_err" 'listening on beth0, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes' \
	"it listens on beth0"
for ns in BLUE host; do
	in_ns "$ns" timeout -s INT 1 tcpdump -c 1 >/dev/null 2>"$TEST_TMP/real.err"
	want=$(grep 'listening on' "$TEST_TMP/real.err")
	if [ "$ns" = host ]; then
		mine <<<"tcpdump icmp"
	else
		mine <<<"ip netns exec $ns tcpdump icmp"
	fi
	is "$(grep 'listening on' <<<"$mine_err")" "$want" \
		"no -i in $ns: the real tool's choice of interface"
done

# --- -e, and -i any ---------------------------------------------------------
real_start host -n -e -i br0 icmp
mine <<'EOF'
tcpdump -n -e -i br0 icmp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
EOF
real_stop
is "$(wc -l <<<"$mine")" 4 "-e on br0: four frames"
is "$mine" "$real" "-e lines are the real tcpdump -e's (MACs, ethertype, length)"

in_ns RED ip neigh flush dev reth0
in_ns BLUE ip neigh flush dev beth0
real_start host -n -e -i any icmp or arp
mine <<'EOF'
tcpdump -n -e -i any icmp or arp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
EOF
real_stop
like "$(head -n 1 <<<"$mine_err")" '^tcpdump: data link type LINUX_SLL2$' "-i any: tcpdump's data link line"
like "$mine_err" 'listening on any, link-type LINUX_SLL2 \(Linux cooked v2\)' "-i any: listening on any"
# RED asks for BLUE, unless BLUE's own question (a probe of its stale
# entry) taught RED first: then BLUE's question is the one seen
like "$mine" '^(reth1 B   ifindex [0-9]+ .* ARP \(0x0806\), length 48: Request who-has 11\.11\.11\.3 tell 11\.11\.11\.2|beth1 B   ifindex [0-9]+ .* ARP \(0x0806\), length 48: Request who-has 11\.11\.11\.2 tell 11\.11\.11\.3)' \
	"-i any -e: the ARP request came in on a bridge port (B)"
is "$mine" "$real" "-i any -e: the real lines (interfaces, directions, order)"

# --- without -n: MACs named as tcpdump names them, addresses numbers ---------
# (the real one would look the addresses up: give it nothing to ask)
: >"$TEST_TMP/empty"
mount --bind "$TEST_TMP/empty" /etc/hosts && mount --bind "$TEST_TMP/empty" /etc/resolv.conf
for e in "" -e; do
	in_ns RED ip neigh flush dev reth0
	in_ns BLUE ip neigh flush dev beth0
	# shellcheck disable=SC2086
	real_start host $e -i br0 arp
	mine <<EOF
tcpdump $e -i br0 arp
ip netns exec RED ping -c 1 11.11.11.3
EOF
	real_stop
	like "$mine" "is-at ([0-9a-f]{2}:){5}[0-9a-f]{2} \\(oui Unknown\\), length 28" \
		"no -n${e:+, -e}: the ARP reply's MAC says (oui Unknown)"
	is "$mine" "$real" "no -n${e:+, -e}: the lines are the real tcpdump's (numbers for addresses)"
done
like "$mine" '^([0-9a-f]{2}:){5}[0-9a-f]{2} \(oui Unknown\) > Broadcast, ethertype ARP' \
	"no -n, -e: the ARP request goes to Broadcast"
umount /etc/resolv.conf /etc/hosts

# --- -Q: the direction ------------------------------------------------------
real_start host -n -i any -Q out icmp
mine <<'EOF'
tcpdump -i any -Q out icmp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
EOF
real_stop
is "$(wc -l <<<"$mine")" 4 "-i any -Q out: what the bridge sends out of its ports"
is "$mine" "$real" "-i any -Q out: the real lines"
real_start host -n -i reth1 -Q in icmp
mine <<'EOF'
tcpdump -i reth1 -Q in icmp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
EOF
real_stop
is "$(wc -l <<<"$mine")" 2 "-i reth1 -Q in: only the requests coming from RED"
is "$mine" "$real" "-i reth1 -Q in: the real lines"

# --- -w ----------------------------------------------------------------------
real_start host -n -i any icmp
mine <<EOF
tcpdump -i br0 -w $TEST_TMP/br0.pcap icmp
ip netns exec RED ping -c 2 -i 0.3 11.11.11.3
tcpdump stop
tcpdump -i any -w $TEST_TMP/any.pcap icmp
ip netns exec RED ping -c 1 11.11.11.3
EOF
real_stop
ok "$mine_status" "-w: the script succeeds"
is "$mine" "" "-w prints no frame"
like "$mine_err" '^tcpdump: listening on br0, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes$' \
	"-w: the banner is tcpdump -w's"
read_back=$(tcpdump -n -r "$TEST_TMP/br0.pcap" 2>/dev/null | frames)
is "$(wc -l <<<"$read_back")" 4 "the real tcpdump -r reads four frames from the -w file"
is "$read_back" "$(grep -E 'br0 ' <<<"$real" | sed -E 's/^br0 +P +//' | head -n 4)" \
	"they are the frames the real tcpdump saw on br0"
read_any=$(tcpdump -n -r "$TEST_TMP/any.pcap" 2>/dev/null | frames)
is "$read_any" "$(tail -n 6 <<<"$real")" \
	"-i any -w: Linux cooked v2, read back as the real -i any saw it"
cat >"$TEST_TMP/save.nst" <<EOF
tcpdump -i br0 -c 2 icmp
ip netns exec RED ping -c 1 11.11.11.3
capture save $TEST_TMP/last.pcapng
EOF
nstutor_ --plain -f "$TEST_TMP/save.nst" >/dev/null 2>&1
is "$(tcpdump -n -r "$TEST_TMP/last.pcapng" 2>/dev/null | grep -c 'ICMP echo')" 2 \
	"the ended tcpdump is the last capture: capture save writes its frames"

# --- bad input: tcpdump's own errors ---------------------------------------
bad() {
	local args=$1 lines=${2:-0} real_err real_status got
	real_err=$(eval "timeout 2 tcpdump $args" 2>&1 >/dev/null)
	real_status=$?
	got=$(nst -c "tcpdump $args" 2>&1 >/dev/null)
	status=$?
	if [ "$lines" != 0 ]; then
		real_err=$(head -n "$lines" <<<"$real_err")
		got=$(head -n "$lines" <<<"$got")
	fi
	is "$got" "$real_err" "tcpdump $args: the real error"
	is "$status" "$real_status" "tcpdump $args: the real exit status ($real_status)"
}
bad '-i beth9'
bad '-i br0 icmpx'
bad '-i br0 host and'
bad '-i br0 -c 0'
bad '-i br0 -c x'
bad '-i br0 -k' 1
bad '-i br0 --foo' 1
bad '-i' 1
bad '-i br0 -Q sideways'
bad "-i br0 -w $TEST_TMP/no/such/dir.pcap"
in_ns host ip link add xeth0 type veth peer name xeth1
bad '-i xeth0'
in_ns host ip link del xeth0
got=$(nst -c 'tcpdump -i br0 -v' 2>&1)
like "$got" "^nstutor's tcpdump does not take -v\.$" "a real option nstutor lacks: said plainly"
got=$(nstutor_ -c 'tcpdump -i beth9' 2>&1)
like "$got" 'hint: There is no interface beth9 in host' "a hint after tcpdump's error (without --plain)"
mine <<'EOF'
tcpdump -i beth9
EOF
ok $((!mine_status)) "a script stops at the failed tcpdump"
cat >"$TEST_TMP/k.nst" <<'EOF'
tcpdump -i br0 icmpx
tcpdump -c 0
tcpdump stop
EOF
got=$(nstutor_ --plain -k -f "$TEST_TMP/k.nst" 2>&1)
like "$got" 'No tcpdump is running\.' "after bad input no capture is running"

# --- several at once, as the tutorial's three terminals; tcpdump stop ----
real_start BLUE -n -i beth0 icmp
cat >"$TEST_TMP/three.nst" <<'EOF'
tcpdump -l -i br0 icmp
ip netns exec BLUE tcpdump -l -i beth0 icmp
tcpdump -i reth1 icmp
ip netns exec RED ping -c 1 11.11.11.3
tcpdump stop beth0
ip netns exec RED ping -c 1 11.11.11.3
tcpdump stop beth0
tcpdump stop
tcpdump stop
EOF
nstutor_ -k -f "$TEST_TMP/three.nst" >"$TEST_TMP/three.out" 2>"$TEST_TMP/three.err"
real_stop
three_out=$(cat "$TEST_TMP/three.out")
three_err=$(cat "$TEST_TMP/three.err")
is "$(grep -c 'listening on' <<<"$three_err")" 3 "three tcpdumps at once: each listens"
like "$three_out" '# 2 tcpdumps run now: each line starts with its namespace and interface\. "tcpdump stop" or Ctrl-C at the prompt ends them all, "tcpdump stop beth0" this one\.' \
	"the second says how lines are marked and how to stop them"
# tagged LINES TAG: the frame lines marked TAG, without the mark and the timestamp
tagged() { grep -F "[$2] " <<<"$1" | sed "s/^\[$2\] //" | frames; }
is "$(tagged "$three_out" 'host br0' | grep -c 'ICMP echo')" 4 "[host br0]: both pings' request and reply"
is "$(tagged "$three_out" 'host reth1' | grep -c 'ICMP echo')" 4 "[host reth1]: both pings' too"
is "$(tagged "$three_out" 'BLUE beth0')" "$(head -n 2 <<<"$real")" \
	"[BLUE beth0]: the first ping's frames, as the real tcpdump on beth0 saw them"
is "$(grep -vcE '^\[(host br0|host reth1|BLUE beth0)\] ' <<<"$(frames_any <<<"$three_out")")" 0 \
	"every frame line says whose it is"
is "$(grep -E 'captured$' <<<"$three_err")" "[BLUE beth0] 2 packets captured
[host br0] 4 packets captured
[host reth1] 4 packets captured" "tcpdump stop beth0 ends that one; tcpdump stop the others, each count marked"
like "$three_err" 'No tcpdump is running on beth0\.' "a second tcpdump stop beth0: none runs there"
like "$three_err" 'hint: tcpdump runs on: host br0, host reth1; "tcpdump stop" ends them all\.' \
	"and the hint names those running"
like "$three_err" 'No tcpdump is running\.' "after tcpdump stop none runs"
cat >"$TEST_TMP/one.nst" <<'EOF'
tcpdump -i br0 -c 1 icmp
ip netns exec RED ping -c 1 11.11.11.3
EOF
out=$(nstutor_ --plain -f "$TEST_TMP/one.nst" 2>&1)
like "$out" '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} IP 11\.11\.11\.2 > 11\.11\.11\.3: ICMP echo request' \
	"one alone: its lines are not marked"
has_line "$out" '1 packet captured' "and nor are its counts"

# --- a namespace with only lo: tcpdump's own "any" (Linux cooked v1) --------
in_ns host ip netns add GREEN
in_ns GREEN ip link set lo up
real_start GREEN -n -e icmp
mine <<'EOF'
ip netns exec GREEN tcpdump -n -e icmp
ip netns exec GREEN ping -c 1 127.0.0.1
EOF
real_stop
is "$(grep 'listening on' <<<"$mine_err")" "$(grep 'listening on' "$TEST_TMP/real.err")" \
	"only lo up, no -i: listening on any, Linux cooked v1, as the real one"
is "$(wc -l <<<"$mine")" 2 "the echo request and reply on lo"
is "$mine" "$real" "-e lines as the real one's (In, the cooked v1 length)"
in_ns host ip netns del GREEN

# --- a TCP conversation: tcpdump's relative sequence numbers ------------
if command -v nc >/dev/null; then
	in_ns BLUE timeout 10 nc -l 5555 >/dev/null &
	nc_pid=$!
	sleep 0.3
	real_start BLUE -n -i beth0 tcp
	mine <<'EOF'
ip netns exec BLUE tcpdump -n -i beth0 tcp
ip netns exec RED sh -c "printf hello | nc -N -w 2 11.11.11.3 5555"
EOF
	real_stop
	wait "$nc_pid"
	like "$mine" 'Flags \[P\.\], seq 1:6, ack 1, win [0-9]+, .*length 5' \
		"TCP: five bytes of data as seq 1:6, ack 1 (relative numbers)"
	is "$mine" "$real" "TCP: the handshake, data and close as the real tcpdump's"
else
	diag "nc is not installed: no TCP conversation to compare"
fi

# --- the namespace goes ------------------------------------------------------
cat >"$TEST_TMP/del.nst" <<'EOF'
ip netns exec RED tcpdump -i reth0
ip netns del RED
ip netns list
EOF
got=$(nstutor_ -f "$TEST_TMP/del.nst" 2>&1)
like "$got" 'The namespace RED is deleted: the tcpdump in it ends\.' \
	"deleting its namespace ends the tcpdump, saying so"
like "$got" '0 packets dropped by kernel' "with tcpdump's counts"
in_ns host ip netns list | grep -q '^RED'
ok $((!$?)) "RED is gone for the real ip too (no socket keeps it)"

done_testing
