#!/bin/bash
# cap.sh: the capture engine (src/cap.c) and the pcapng writer, driven by
# tests/cap-drive in the bridge lab, with the real ping as the traffic
# and the real tcpdump as the oracle.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/bridge-lab.sh"
need_tools ip tcpdump ping jq

DRIVE=${CAP_DRIVE:-$top_builddir/tests/cap-drive}
build_bridge_lab

# only_places WHAT: the places of the frames of that kind, in time order.
only_places() {
	awk -v w="$1" '$5 == w { printf "%s ", $1 }' "$TEST_TMP/frames" | sed 's/ $//'
}

# -- one ping, seen at five places, with tcpdump listening at beth0 ----
ip -n RED neigh flush all
ip -n BLUE neigh flush all
ip netns exec BLUE tcpdump -n -l -i beth0 icmp >"$TEST_TMP/tcpdump.out" 2>"$TEST_TMP/tcpdump.err" &
tcpdump_pid=$!
for _ in $(seq 50); do
	grep -q 'listening on' "$TEST_TMP/tcpdump.err" && break
	sleep 0.1
done
"$DRIVE" -p -f 'arp or icmp' -w "$TEST_TMP/ping.pcapng" -- \
	ip netns exec RED ping -c 3 -i 0.2 -W 1 11.11.11.3 >"$TEST_TMP/out" 2>"$TEST_TMP/err"
ok $? "the real ping ran while capturing (every reply came back)"
sleep 0.3
kill -TERM $tcpdump_pid
wait $tcpdump_pid 2>/dev/null
grep -v '^place ' "$TEST_TMP/out" | grep -E '^[A-Za-z0-9_.-]+/[^ ]+ [0-9]+ ' >"$TEST_TMP/frames"
like "$(cat "$TEST_TMP/err")" "armed 5 places" "five places are armed before the ping"

places=$(grep '^place ' "$TEST_TMP/out" | sort)
is "$places" "place BLUE/beth0 kind=veth live=1 peer=host/beth1
place RED/reth0 kind=veth live=1 peer=host/reth1
place host/beth1 kind=veth live=1 peer=BLUE/beth0
place host/br0 kind=bridge live=1 peer=-
place host/reth1 kind=veth live=1 peer=RED/reth0" "places: the lab's veths (peers across namespaces) and the bridge, not lo"

path="RED/reth0 host/reth1 host/br0 host/beth1 BLUE/beth0"
back="BLUE/beth0 host/beth1 host/br0 host/reth1 RED/reth0"
is "$(only_places arp-req)" "$path" "the first ARP request is seen at every place, in time order"
is "$(only_places arp-rep)" "$back" "its reply, in the reverse order"
is "$(only_places icmp-req)" "$path $path $path" "three echo requests, RED to BLUE"
is "$(only_places icmp-rep)" "$back $back $back" "three echo replies, BLUE to RED"
sorted=$(awk '{print $2}' "$TEST_TMP/frames")
is "$sorted" "$(sort -n <<<"$sorted")" "the record is in time order"

ours=$(awk '$1 == "BLUE/beth0" && $5 ~ /^icmp/' "$TEST_TMP/frames" | wc -l)
theirs=$(grep -c ICMP "$TEST_TMP/tcpdump.out")
is "$ours" "$theirs" "ICMP frames at BLUE/beth0: as many as the real tcpdump saw ($theirs)"
is "$ours" 6 "that is three requests and three replies"

# -- pcapng ------------------------------------------------------------
n=$(wc -l <"$TEST_TMP/frames")
read_back=$(tcpdump -r "$TEST_TMP/ping.pcapng" -n 2>/dev/null | wc -l)
is "$read_back" "$n" "tcpdump -r reads every frame of the pcapng file ($n)"
like "$(tcpdump -r "$TEST_TMP/ping.pcapng" -n 2>/dev/null | head -1)" \
	"ARP, Request who-has 11.11.11.3 tell 11.11.11.2, length 28" \
	"the first frame read back is the ARP request"
first_ts=$(awk 'NR == 1 { print substr($2, 1, length($2) - 9) "." substr($2, length($2) - 8) }' "$TEST_TMP/frames")
is "$(tcpdump -r "$TEST_TMP/ping.pcapng" -n -tt --time-stamp-precision=nano 2>/dev/null | head -1 | cut -d' ' -f1)" \
	"$first_ts" "timestamps are kept to the nanosecond (if_tsresol 9)"
names=$(strings -n 6 "$TEST_TMP/ping.pcapng" | grep -E '^(RED|BLUE|host)/' | sort | tr '\n' ' ')
is "$names" "BLUE/beth0 RED/reth0 host/beth1 host/br0 host/reth1 " \
	"the file names its interfaces RED/reth0, host/br0..."
if command -v capinfos >/dev/null; then
	like "$(capinfos -c "$TEST_TMP/ping.pcapng")" "Number of packets: +$n" "capinfos counts $n packets"
fi
"$DRIVE" -q -w /nonexistent/dir/x.pcapng -- true >"$TEST_TMP/out" 2>&1
like "$(cat "$TEST_TMP/out")" "error: pcapng: No such file or directory" "an unwritable pcapng path is an error"

# -- one namespace, one interface --------------------------------------
"$DRIVE" -p -q -n BLUE -i beth0 -- true >"$TEST_TMP/out" 2>/dev/null
is "$(cat "$TEST_TMP/out")" "place BLUE/beth0 kind=veth live=1 peer=-" "-n BLUE -i beth0: that place only"
"$DRIVE" -q -i nosuch0 -- true >"$TEST_TMP/out" 2>/dev/null
is "$?" 1 "no matching interface: cap_open fails"
is "$(cat "$TEST_TMP/out")" "error: No such device" "... with ENODEV"

# -- a bad filter --------------------------------------------------------
"$DRIVE" -q -f 'icmp and and' -- true >"$TEST_TMP/out" 2>/dev/null
is "$?" 1 "a bad BPF filter: cap_open fails"
like "$(cat "$TEST_TMP/out")" "^error: Invalid argument: .*syntax error" "... with libpcap's words"

# -- a veth pair made after cap_open ----------------------------------
"$DRIVE" -p -f arp -- sh -c '
	sleep 0.2
	ip link add va type veth peer name vb
	ip addr add 10.9.9.1/24 dev va
	ip link set vb up
	ip link set va up
	sleep 0.3
	ping -c 1 -W 1 10.9.9.2 >/dev/null' >"$TEST_TMP/out" 2>/dev/null
like "$(grep '^place host/v' "$TEST_TMP/out" | sort | tr '\n' ' ')" \
	"place host/va kind=veth live=1 peer=host/vb place host/vb kind=veth live=1 peer=host/va" \
	"a veth pair made while capturing gets handles"
like "$(grep -E '^host/v[ab] ' "$TEST_TMP/out" | awk '$5 == "arp-req" {print $1}' | head -2 | tr '\n' ' ')" \
	"host/va host/vb" "its ARP request is seen leaving va and arriving at vb"
is "$(grep -vE '^place ' "$TEST_TMP/out" | awk '$5 !~ /^arp-/' | wc -l)" 0 \
	"the filter 'arp' let nothing else through"

# -- a link deleted, a namespace deleted ----------------------------------
ip netns add GREEN
ip link add gy type veth peer name gx netns GREEN
ip link set gy up
ip -n GREEN link set gx up
"$DRIVE" -p -q -- sh -c '
	sleep 0.2
	ip link del vb
	ip netns del GREEN
	for i in $(seq 40); do
		ip link show gy >/dev/null 2>&1 || { echo GY-GONE; exit 0; }
		sleep 0.1
	done
	echo GY-ALIVE' >"$TEST_TMP/out" 2>/dev/null
grep -q GY-GONE "$TEST_TMP/out"
ok $? "ip netns del while capturing: the namespace dies (its veth's host end is gone)"
like "$(grep -E '^place (GREEN/gx|host/gy|host/va|host/vb) ' "$TEST_TMP/out" | sort | tr '\n' ' ')" \
	"place GREEN/gx kind=veth live=0 .*place host/gy kind=veth live=0 .*place host/vb kind=veth live=0 " \
	"vanished links keep their place, not live"

# -- cap_forget ----------------------------------------------------------
ip netns add GREEN
ip link add gy type veth peer name gx netns GREEN
ip link set gy up
ip -n GREEN link set gx up
"$DRIVE" -p -q -F GREEN -- true >"$TEST_TMP/out" 2>/dev/null
like "$(grep '^place GREEN/gx' "$TEST_TMP/out")" "live=0" "cap_forget closes the handles in that namespace"
like "$(grep '^place host/gy' "$TEST_TMP/out")" "live=1" "... and only there"

# -- links that are down ----------------------------------------------
ip link add dz type veth peer name dw
"$DRIVE" -q -i dz -- true >"$TEST_TMP/out" 2>/dev/null
is "$(cat "$TEST_TMP/out")" "error: Network is down: dz: That device is not up" \
	"only a link that is down: ENETDOWN, libpcap's words"
"$DRIVE" -p -f arp -- sh -c '
	sleep 0.2
	ip addr add 10.8.8.1/24 dev dz
	ip link set dw up
	ip link set dz up
	sleep 0.3
	ping -c 1 -W 1 10.8.8.2 >/dev/null' >"$TEST_TMP/out" 2>/dev/null
like "$(grep -E '^place host/d' "$TEST_TMP/out" | sort | tr '\n' ' ')" \
	"place host/dw kind=veth live=1 peer=host/dz place host/dz kind=veth live=1 peer=host/dw" \
	"links down at cap_open are opened when they come up"
like "$(awk '$5 == "arp-req" {print $1}' "$TEST_TMP/out" | head -2 | tr '\n' ' ')" \
	"host/dz host/dw" "... and their frames are seen"

done_testing
