#!/bin/bash
# tcpdump-repl.sh: the background tcpdump in the interactive shell, in a
# real terminal (tmux): frames print above the prompt while other
# commands run, a half-typed line survives a frame arriving, Ctrl-C at
# the prompt stops the tcpdump (its counts) and not the shell, and so
# does "tcpdump stop"; two at once, each line marked, both stopped by
# Ctrl-C.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

TTY_SCROLLBACK=200
. "${top_srcdir:-.}/tests/tty.sh"

build_bridge_lab
wait_dad RED BLUE

tm new-session -d -s nst -x 160 -y 50 \
	"'$NSTUTOR' --world=host; echo \$? >'$TEST_TMP/exit'; sleep 60"
wait_prompt 'nstutor> '
ok $? "the prompt appears"

# --- tcpdump in the background, three commands while it prints ----------
type_line 'tcpdump -i br0 icmp'
wait_for 'listening on br0, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes' &&
	wait_prompt 'nstutor> '
ok $? "tcpdump -i br0 icmp: tcpdump's banner, and the prompt comes back at once"

type_line 'ip -br link'
wait_for '^br0 +UP' && wait_prompt 'nstutor> '
ok $? "a command runs while the tcpdump runs (ip -br link)"

type_line 'ip netns exec RED ping -c 1 11.11.11.3'
wait_for 'rtt min/avg/max/mdev' && wait_for 'ICMP echo reply, id [0-9]+, seq 1' &&
	wait_prompt 'nstutor> '
ok $? "ping: its lines and the frames on br0, then the prompt"
like "$(pane)" '[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} IP 11\.11\.11\.2 > 11\.11\.11\.3: ICMP echo request, id [0-9]+, seq 1, length 64' \
	"the echo request is printed as tcpdump prints it"

type_line 'ip -n BLUE neigh'
wait_for '^11\.11\.11\.2 dev beth0 lladdr' && wait_prompt 'nstutor> '
ok $? "a third command (ip -n BLUE neigh) while the tcpdump runs"
is "$(last_line)" "nstutor>" "the prompt is at the bottom"

# --- a frame arrives while a line is half typed -----------------------------
tm send-keys -t nst -l 'ip -br addr show dev b'
wait_prompt 'nstutor> ip -br addr show dev b'
before=$(count 'ICMP echo request')
in_ns RED ping -c 1 -W 1 11.11.11.3 >/dev/null
for _ in $(seq 40); do
	[ "$(count 'ICMP echo request')" -gt "$before" ] && break
	sleep 0.05
done
[ "$(count 'ICMP echo request')" -gt "$before" ]
ok $? "a real ping in the world: its frames print while the learner types"
wait_prompt 'nstutor> ip -br addr show dev b'
ok $? "the half-typed line is redrawn under the frames"
is "$(pane | tail -n 3 | head -n 2 | grep -c 'ICMP echo')" 2 \
	"the frames are just above the prompt"
tm send-keys -t nst -l 'r0'
tm send-keys -t nst Enter
wait_for '^br0 +UP' 3 && wait_prompt 'nstutor> '
ok $? "the line typed around the frames runs whole (ip -br addr show dev br0)"

# --- Ctrl-C stops it, not the shell -----------------------------------------
tm send-keys -t nst C-c
wait_for '^[0-9]+ packets captured$' && wait_for 'packets dropped by kernel' &&
	wait_prompt 'nstutor> '
ok $? "Ctrl-C at the prompt: tcpdump's closing counts, and the prompt"
is "$(pane | grep -B 1 -A 3 '^4 packets captured$')" "^C
4 packets captured
4 packets received by filter
0 packets dropped by kernel
nstutor>" "^C, the counts (two pings, four frames), the prompt"
before=$(count 'ICMP echo')
in_ns RED ping -c 1 -W 1 11.11.11.3 >/dev/null
sleep 0.3
is "$(count 'ICMP echo')" "$before" "after Ctrl-C no frame prints"
type_line 'ip netns list'
wait_for '^BLUE' && wait_prompt 'nstutor> '
ok $? "the shell stays"
[ ! -e "$TEST_TMP/exit" ]
ok $? "nstutor is still running"

# --- tcpdump stop ------------------------------------------------------------
tm send-keys -t nst C-l
tm clear-history -t nst
type_line 'tcpdump -n -i br0 -c 50 icmp'
wait_for 'listening on br0' && wait_prompt 'nstutor> '
type_line 'ip netns exec RED ping -c 1 11.11.11.3'
wait_for 'rtt min' && wait_prompt 'nstutor> '
type_line 'tcpdump stop'
wait_for '^2 packets captured$' && wait_prompt 'nstutor> '
ok $? "tcpdump stop: the counts (2 frames), and the prompt"
type_line 'tcpdump stop'
wait_for 'No tcpdump is running\.' && wait_prompt 'nstutor> '
ok $? "a second tcpdump stop: none is running"

# --- two at once: marked lines, Ctrl-C stops both ----------------------------
tm send-keys -t nst C-l
tm clear-history -t nst
type_line 'tcpdump -n -i br0 icmp'
wait_for 'listening on br0' && wait_prompt 'nstutor> '
type_line 'ip netns exec BLUE tcpdump -n -i beth0 icmp'
wait_for 'listening on beth0' && wait_for '2 tcpdumps run now' && wait_prompt 'nstutor> '
ok $? "a second tcpdump runs beside the first, and says so"
type_line 'ip netns exec RED ping -c 1 11.11.11.3'
wait_for '^\[host br0\] [0-9:.]+ IP 11\.11\.11\.3 > 11\.11\.11\.2: ICMP echo reply' &&
	wait_for '^\[BLUE beth0\] [0-9:.]+ IP 11\.11\.11\.3 > 11\.11\.11\.2: ICMP echo reply' &&
	wait_prompt 'nstutor> '
ok $? "each one's lines start with its namespace and interface"
tm send-keys -t nst C-c
wait_for '^\[host br0\] 2 packets captured$' && wait_for '^\[BLUE beth0\] 2 packets captured$' &&
	wait_prompt 'nstutor> '
ok $? "Ctrl-C at the prompt stops both, each with its counts"
type_line 'tcpdump stop'
wait_for 'No tcpdump is running\.' && wait_prompt 'nstutor> '
ok $? "after Ctrl-C none runs"

type_line 'tcpdump -i br0'
wait_for 'listening on br0' && wait_prompt 'nstutor> '
type_line 'quit'
for _ in $(seq 60); do
	[ -e "$TEST_TMP/exit" ] && break
	sleep 0.05
done
is "$(cat "$TEST_TMP/exit" 2>/dev/null)" 0 "quit with a tcpdump running: nstutor ends (status 0)"
like "$(pane)" 'packets captured' "and the tcpdump's counts are printed"

done_testing
