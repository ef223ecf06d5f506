#!/bin/bash
# capture.sh: "capture on" shows every ping's frames at every place of
# the tutorials' bridge lab: the ARP request, the ARP reply, the echo
# request and the echo reply, each seen at RED reth0, host br0 and BLUE
# beth0, in causal order, 20 times of 20 with the neighbour caches
# flushed; the real tcpdump watching beth0 at the same time saw the
# same ICMP frames; "capture save" writes what the real tcpdump -r
# reads back; "capture off" stops it; "capture ladder" draws it in
# UTF-8 and in ASCII within 80 columns; bad words change nothing.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

need_tools tcpdump jq

build_bridge_lab

# nstutor with its notes.
nk() { nstutor_ -k "$@" 2>&1; }

# sections FILE: one line per ping of the output, the kinds of packets
# in the timeline's order, each with "+" when its path went through
# RED reth0, host br0 and BLUE beth0 ("Q+ R+ E+ P+").
sections() {
	awk '
	/^PING / { if (n++) print sig; sig = ""; kind = ""; next }
	/^[^ #].* ARP, Request who-has/ { kind = "Q"; next }
	/^[^ #].* ARP, Reply/ { kind = "R"; next }
	/^[^ #].* ICMP echo request/ { kind = "E"; next }
	/^[^ #].* ICMP echo reply/ { kind = "P"; next }
	/^[^ #].*[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]{6} / { kind = "O"; next }
	/^    seen at / {
		full = index($0, "RED reth0") && index($0, "host br0") &&
			index($0, "BLUE beth0")
		sig = sig (sig == "" ? "" : " ") kind (full ? "+" : "-")
		next
	}
	END { if (n) print sig }' "$1"
}

# --- 20 pings, each from cold neighbour caches ---
{
	echo "capture on"
	for _ in $(seq 20); do
		echo "ip -n RED neigh flush all"
		echo "ip -n BLUE neigh flush all"
		echo "ip netns exec RED ping -c 1 11.11.11.3"
	done
} >"$TEST_TMP/twenty.nst"
LC_ALL=C.UTF-8 nstutor_ -k -f "$TEST_TMP/twenty.nst" >"$TEST_TMP/twenty.out" 2>&1
ok $? "twenty pings with capture on"
sections "$TEST_TMP/twenty.out" >"$TEST_TMP/sig"
is "$(wc -l <"$TEST_TMP/sig")" 20 "twenty timelines"
good=$(grep -cE '^(O. )*Q\+ (O. )*R\+ (O. )*E\+ (O. )*P\+( O.)*$' "$TEST_TMP/sig")
is "$good" 20 "20 of 20: ARP request, ARP reply, echo request, echo reply, each at RED reth0, host br0 and BLUE beth0, in causal order"
[ "$good" = 20 ] || sed 's/^/#   /' "$TEST_TMP/sig"
like "$(cat "$TEST_TMP/twenty.out")" \
	'(^|\n)RED +reth0 +[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} ARP, Request who-has 11\.11\.11\.3 tell 11\.11\.11\.2, length 28' \
	"the timeline's line: where, local time with microseconds, tcpdump's words"
like "$(cat "$TEST_TMP/twenty.out")" \
	'seen at RED reth0 → host reth1 → host br0 → host beth1 → BLUE beth0' \
	"the path, from RED through the bridge to BLUE"
like "$(cat "$TEST_TMP/twenty.out")" \
	'# RED does not know the MAC of 11\.11\.11\.3 yet, so it asks everyone on the link' \
	"the ARP request's note"
like "$(cat "$TEST_TMP/twenty.out")" '# the bridge br0 floods the broadcast to its other ports' \
	"the bridge's flooding is said"
like "$(cat "$TEST_TMP/twenty.out")" "# BLUE answers: the reply goes straight back to RED's MAC" \
	"the ARP reply's note"
like "$(cat "$TEST_TMP/twenty.out")" '# BLUE answers the echo' "the echo reply's note"
if grep -q ' never \(left\|reached\)' "$TEST_TMP/twenty.out"; then r=1; else r=0; fi
ok $r "nothing is said to have stopped"

# --plain: the timeline without notes.
out=$(nst -c 'capture on' -c 'ip netns exec RED ping -c 1 11.11.11.3' 2>&1)
like "$out" 'seen at RED reth0' "--plain keeps the timeline"
if grep -q '^ *#' <<<"$out"; then r=1; else r=0; fi
ok $r "--plain: no notes"

# capture on -e: MACs, as tcpdump -e.
out=$(nst -c 'capture on -e' -c 'ip -n RED neigh flush all' -c 'ip netns exec RED ping -c 1 11.11.11.3' 2>&1)
red_mac=$(in_ns RED cat /sys/class/net/reth0/address)
like "$out" "RED +reth0 +[0-9:.]+ $red_mac > ff:ff:ff:ff:ff:ff, ethertype ARP \\(0x0806\\), length 42: Request who-has 11\\.11\\.11\\.3 tell 11\\.11\\.11\\.2, length 28" \
	"capture on -e: the link header, as tcpdump -e"

# --- the real tcpdump on beth0 at the same time ---
in_ns BLUE tcpdump -l -n -i beth0 icmp >"$TEST_TMP/td.out" 2>"$TEST_TMP/td.err" &
td=$!
for _ in $(seq 50); do
	grep -q 'listening on' "$TEST_TMP/td.err" && break
	sleep 0.1
done
grep -q 'listening on' "$TEST_TMP/td.err"
ok $? "the real tcpdump listens on BLUE's beth0"
nk -c 'capture on' -c 'ip netns exec RED ping -c 3 -i 0.2 11.11.11.3' >"$TEST_TMP/three.out"
sleep 0.3
kill "$td" 2>/dev/null
wait "$td" 2>/dev/null
icmp_of() { grep -oE 'IP 11\.11\.11\.[23] > 11\.11\.11\.[23]: ICMP echo (request|reply), id [0-9]+, seq [0-9]+, length [0-9]+' "$1" | sort; }
want=$(icmp_of "$TEST_TMP/td.out")
is "$(icmp_of "$TEST_TMP/three.out")" "$want" "the timeline's ICMP frames are tcpdump's: same ids, same seqs"
is "$(wc -l <<<"$want")" 6 "three requests and three replies"

# --- capture save: the real tcpdump -r reads every frame back ---
file=$TEST_TMP/ping.pcapng
nk -c 'capture on' -c 'ip -n RED neigh flush all' -c 'ip netns exec RED ping -c 1 11.11.11.3' \
	-c "capture save $file" -c capture >"$TEST_TMP/save.out"
ok $? "capture save"
like "$(cat "$TEST_TMP/save.out")" "# Wrote [0-9]+ frames to $file" "it says what it wrote"
frames=$(sed -n 's/^the last capture holds \([0-9]*\) frames.*/\1/p' "$TEST_TMP/save.out")
read_back=$(tcpdump -r "$file" -n 2>/dev/null | wc -l)
is "$read_back" "$frames" "tcpdump -r reads back every frame of the capture ($frames)"
seen=$(awk '/^    seen at / { n += gsub(/ -> /, "&") + 1 } END { print n + 0 }' "$TEST_TMP/save.out")
is "$(tcpdump -r "$file" -n 'arp or icmp' 2>/dev/null | wc -l)" "$seen" \
	"its ARP and ICMP frames are the timeline's sightings ($seen)"

# --- capture off: no timeline ---
# section N: the output of the N-th ping (from its PING line on).
section() { awk -v want="$1" '/^PING/ { n++ } n == want'; }
out=$(nk -c 'capture on' -c 'ip -n RED neigh flush all' -c 'ip netns exec RED ping -c 1 11.11.11.3' \
	-c 'capture off' -c 'ip netns exec RED ping -c 1 11.11.11.3' -c capture)
is "$(section 1 <<<"$out" | grep -c '^    seen at ')" 4 "capture on: the ping's timeline (ARP both ways, echo both ways)"
is "$(section 2 <<<"$out" | grep -c '^    seen at ')" 0 "after capture off the ping prints no timeline"
[ "$(section 2 <<<"$out" | grep -c '^    seen at ')" = 0 ] || diag "$(tr '\n' '~' <<<"$out")"
like "$out" 'capture is off' "capture says it is off"

# --- the ladder, UTF-8 and ASCII ---
ladder_ok() {
	local text=$1 what=$2 widest
	like "$text" 'RED reth0 +host br0 +BLUE beth0' "$what: one column per place, no bridge ports"
	if grep -q 'reth1\|beth1' <<<"$text"; then r=1; else r=0; fi
	ok $r "$what: the ports are left out"
	like "$text" 'ARP\?' "$what: ARP? arrow"
	like "$text" 'ARP!' "$what: ARP! arrow"
	like "$text" ' echo ' "$what: echo arrow"
	like "$text" ' reply ' "$what: reply arrow"
	widest=$(printf '%s\n' "$text" | LC_ALL=C.UTF-8 wc -L)
	[ "$widest" -le 80 ]
	ok $? "$what: no line over 80 columns ($widest)"
}
utf=$(LC_ALL=C.UTF-8 nstutor_ -c 'capture on' -c 'ip -n RED neigh flush all' \
	-c 'ip netns exec RED ping -c 1 11.11.11.3' -c 'capture ladder' 2>&1 |
	sed -n '/^ *RED reth0  *host br0/,$p')
ladder_ok "$utf" "UTF-8 ladder"
like "$utf" '│' "UTF-8 ladder: box-drawing lines"
like "$utf" '▶' "UTF-8 ladder: arrow heads"
asc=$(LC_ALL=C nstutor_ -c 'capture on' -c 'ip -n RED neigh flush all' \
	-c 'ip netns exec RED ping -c 1 11.11.11.3' -c 'capture ladder' 2>&1 |
	sed -n '/^ *RED reth0  *host br0/,$p')
ladder_ok "$asc" "ASCII ladder"
if LC_ALL=C grep -q '[^ -~]' <<<"$asc"; then r=1; else r=0; fi
ok $r "ASCII ladder: ASCII only (LANG=C)"
like "$asc" '\|-+ ?ARP\? -*>\|' "ASCII ladder: -> arrows"
diag "$(printf '%s\n' "$utf" | head -8 | tr '\n' '~')"
out=$(nk -c 'capture on' -c 'ip netns exec RED ping -c 1 11.11.11.3' -c explain)
like "$out" 'RED reth0 +host br0 +BLUE beth0' "explain after a ping draws the ladder"

# --- bad input: a message, and nothing changes ---
before=$(lab_state)
out=$(nstutor_ -c 'capture sideways' 2>&1)
is "$?" 1 "capture sideways: status 1"
like "$out" '^capture: unknown command "sideways"' "capture sideways: says the word is unknown"
like "$out" 'hint: .*capture on, capture off' "capture sideways: and what it takes"
out=$(nstutor_ -k -c 'capture on' -c 'ip netns exec RED ping -c 1 11.11.11.3' -c 'capture save' \
	-c "capture save $TEST_TMP/no/such/dir/x.pcapng" -c 'capture on sideways' -c capture 2>&1)
like "$out" 'capture save: a file name is needed' "capture save with no file: says so"
like "$out" "capture save: $TEST_TMP/no/such/dir/x.pcapng: No such file or directory" \
	"save into a missing directory: the reason"
like "$out" 'hint: The directory does not exist' "and a hint"
[ ! -e "$TEST_TMP/no" ]
ok $? "nothing was written"
like "$out" 'capture on: unknown option "sideways"' "capture on sideways: says so"
like "$out" 'capture is on' "the capture stayed on"
like "$out" 'the last capture holds [1-9][0-9]* frames' "and the last capture is still there"
out=$(nstutor_ -c 'capture save x.pcapng' 2>&1)
like "$out" 'capture save: there is no capture to save' "capture save before any capture: says so"
[ ! -e x.pcapng ]
ok $? "and writes nothing"
out=$(nstutor_ -c 'capture ladder' 2>&1)
like "$out" 'capture ladder: there is no capture to draw' "capture ladder before any capture: says so"
is "$(lab_state)" "$before" "bad capture commands changed nothing in the world"

done_testing
