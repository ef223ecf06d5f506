#!/bin/bash
# repl.sh: the interactive shell, driven in a real terminal (tmux): the
# prompt, enter/leave, Tab completion, Ctrl-C on a line, on a running
# program and on a curl that waits, Ctrl-D, and the history file.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tty.sh"

# A namespace with a device of its own, made by the real ip.
ip netns add RED
ip link add hveth0 type veth peer name rveth0 netns RED
ip -n RED link set lo up

tm new-session -d -s nst -x 120 -y 40 \
	"'$NSTUTOR' --world=host; echo \$? >'$TEST_TMP/exit'; sleep 60"

wait_prompt 'nstutor> '
ok $? "the prompt appears"

type_line 'ip netns add BLUE'
wait_prompt 'nstutor> '
ip netns list | grep -q '^BLUE'
ok $? "a typed command runs (the real ip sees BLUE)"

clear_pane
type_line 'ip netns list'
wait_for '^RED' && wait_prompt 'nstutor> '
is "$(pane)" "nstutor> ip netns list
$(ip netns list)
nstutor>" "ip netns list prints in the terminal (as the real ip)"

type_line 'enter RED'
wait_prompt 'nstutor(RED)> '
ok $? "enter RED: the prompt becomes nstutor(RED)> "

clear_pane
type_line 'ip netns identify'
wait_prompt 'nstutor(RED)> '
is "$(pane)" "nstutor(RED)> ip netns identify
RED
nstutor(RED)>" "inside RED, ip netns identify says RED"

clear_pane
type_line 'ip link'
wait_for 'rveth0' 3
like "$(pane)" 'rveth0' "ip link shows RED's links"

type_line 'leave'
wait_prompt 'nstutor> '
ok $? "leave: back to nstutor> "

# --- Tab completion ---------------------------------------------------------
clear_pane
tm send-keys -t nst -l 'ip netns exec R'
tm send-keys -t nst Tab
wait_prompt 'nstutor> ip netns exec RED '
ok $? "Tab: ip netns exec R -> RED"
tm send-keys -t nst -l 'bridge link show dev rv'
tm send-keys -t nst Tab
wait_prompt 'nstutor> ip netns exec RED bridge link show dev rveth0 '
ok $? "Tab: a device of RED (rv -> rveth0)"
tm send-keys -t nst C-u
tm send-keys -t nst -l 'ip netns ex'
tm send-keys -t nst Tab
wait_prompt 'nstutor> ip netns exec '
ok $? "Tab: ip netns ex -> exec"
tm send-keys -t nst C-u
tm send-keys -t nst -l 'ip -n RED link set rv'
tm send-keys -t nst Tab
wait_prompt 'nstutor> ip -n RED link set rveth0 '
ok $? "Tab: ip -n RED link set rv -> rveth0"
tm send-keys -t nst C-u
wait_prompt 'nstutor> '

# --- Ctrl-C -----------------------------------------------------------------
clear_pane
tm send-keys -t nst -l 'ip netns add HALF'
tm send-keys -t nst C-c
wait_prompt 'nstutor> '
ok $? "Ctrl-C on a half-typed line: a fresh prompt"
type_line 'ip netns identify'
wait_prompt 'nstutor> '
! ip netns list | grep -q HALF
ok $? "the half-typed line did not run"
like "$(pane)" '\^C' "and ^C is shown"

clear_pane
start=$(date +%s%N)
type_line 'ip netns exec RED sleep 4.321'
sleep 0.5
tm send-keys -t nst C-c
wait_prompt 'nstutor> ' 4
ok $? "Ctrl-C during ip netns exec RED sleep 4.321: the prompt comes back"
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$elapsed" -lt 4300 ]
ok $? "before sleep would have ended (${elapsed} ms)"
! pgrep -f 'sleep 4[.]321' >/dev/null
ok $? "the program was stopped"

if nst -c 'ping -c 1 -W 1 127.0.0.1' >/dev/null 2>&1; then
	clear_pane
	type_line 'ip netns exec RED ping 127.0.0.1'
	wait_for 'icmp_seq=2' 5
	tm send-keys -t nst C-c
	wait_prompt 'nstutor> ' 4
	ok $? "Ctrl-C during ping: the prompt comes back"
	like "$(pane)" 'packets transmitted' "and ping printed its statistics"
else
	echo "ok $((tap_n += 1)) # SKIP nstutor's ping does not answer yet"
fi

# curl to a server that accepts and never answers: Ctrl-C ends it, and
# the prompt starts on a line of its own after the ^C
if command -v python3 >/dev/null; then
	ip netns exec RED timeout 30 python3 -c 'import socket, time
s = socket.socket()
s.bind(("127.0.0.1", 8080))
s.listen()
time.sleep(30)' &
	for _ in $(seq 50); do
		ip netns exec RED ss -ltn | grep -q ':8080' && break
		sleep 0.1
	done
	clear_pane
	type_line 'ip netns exec RED curl http://127.0.0.1:8080/'
	sleep 0.5
	tm send-keys -t nst C-c
	wait_prompt 'nstutor> ' 4
	ok $? "Ctrl-C during curl: the prompt comes back on a line of its own"
	is "$(pane | tail -n 2)" "^C
nstutor>" "the ^C stays on its own line"
else
	echo "ok $((tap_n += 1)) # SKIP python3 is not installed (the silent server)"
	echo "ok $((tap_n += 1)) # SKIP python3 is not installed (the silent server)"
fi

clear_pane
type_line 'ip netns list'
wait_for '^RED' 3
ok $? "nstutor is still alive and answers"

# --- Ctrl-D and the history ---------------------------------------------------
tm send-keys -t nst C-d
for _ in $(seq 50); do [ -s "$TEST_TMP/exit" ] && break; sleep 0.1; done
is "$(cat "$TEST_TMP/exit" 2>/dev/null)" 0 "Ctrl-D leaves with status 0"
hist="$XDG_STATE_HOME/nstutor/history"
[ -f "$hist" ]
ok $? "the history is written to \$XDG_STATE_HOME/nstutor/history"
grep -qx 'ip netns add BLUE' "$hist" 2>/dev/null
ok $? "and holds the typed commands"
! grep -q 'HALF' "$hist" 2>/dev/null
ok $? "but not the cancelled line"

# A second session reads it: Up brings back the last command.
tm kill-session -t nst
tm new-session -d -s nst -x 120 -y 40 "'$NSTUTOR' --world=host; sleep 60"
wait_prompt 'nstutor> '
tm send-keys -t nst Up
wait_prompt 'nstutor> ip netns list'
ok $? "a new session recalls the history with Up"

done_testing
