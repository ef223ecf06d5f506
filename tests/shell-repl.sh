#!/bin/bash
# shell-repl.sh: the tutorials' shell idioms in a real terminal (tmux):
# a pipe prints the real pipeline's lines; nsenter and enter put the
# prompt in a namespace and "exit" brings it back (a second exit leaves
# nstutor); "clear" and Ctrl-L empty the screen; Ctrl-C stops "ping |
# grep" and the prompt comes back on a line of its own.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tty.sh"

ip netns add RED
ip link add veth0 type veth peer name reth0 netns RED
ip addr add 11.11.11.1/24 dev veth0
ip link set veth0 up
ip -n RED addr add 11.11.11.2/24 dev reth0
ip -n RED link set reth0 up
ip -n RED link set lo up
wait_dad RED

tm new-session -d -s nst -x 120 -y 40 \
	"'$NSTUTOR' --world=host --plain; echo \$? >'$TEST_TMP/exit'; sleep 60"
wait_prompt 'nstutor> '
ok $? "the prompt appears"

# --- a pipe -------------------------------------------------------------------
clear_pane
type_line 'ip a | grep inet'
wait_for 'inet 11' && wait_prompt 'nstutor> '
is "$(pane)" "nstutor> ip a | grep inet
$(ip a | grep inet | sed 's/ *$//')
nstutor>" "ip a | grep inet prints the real pipeline's lines"

clear_pane
type_line 'ip a |'
wait_prompt 'nstutor> '
is "$(pane)" 'nstutor> ip a |
nstutor: Syntax error: end of file unexpected
nstutor>' "a dangling | gets sh's error, and a new prompt"

clear_pane
tm send-keys -t nst -l 'ip a | gr'
tm send-keys -t nst Tab
wait_prompt 'nstutor> ip a | grep '
ok $? "Tab after '|': gr -> grep"
tm send-keys -t nst C-u
wait_prompt 'nstutor> '

# --- nsenter, enter and exit ----------------------------------------------------
type_line 'nsenter --net=/var/run/netns/RED'
wait_prompt 'nstutor(RED)> '
ok $? "nsenter --net=/var/run/netns/RED: the prompt becomes nstutor(RED)> "
clear_pane
type_line 'ip -br a | grep -v lo'
wait_for 'reth0' && wait_prompt 'nstutor(RED)> '
is "$(pane)" "nstutor(RED)> ip -br a | grep -v lo
$(ip -n RED -br a | grep -v lo | sed 's/ *$//')
nstutor(RED)>" "inside RED, a pipe filters RED's addresses"
type_line 'exit'
wait_prompt 'nstutor> '
ok $? "exit inside RED: back to nstutor> "
type_line 'enter RED'
wait_prompt 'nstutor(RED)> '
type_line 'exit'
wait_prompt 'nstutor> '
ok $? "exit after enter RED: back to nstutor> "
type_line 'enter RED'
wait_prompt 'nstutor(RED)> '
tm send-keys -t nst C-d
wait_prompt 'nstutor> '
ok $? "Ctrl-D inside RED: back to nstutor> , as a nested shell's Ctrl-D"
like "$(pane)" 'nstutor\(RED\)> exit' "and it says exit, as bash does"
[ ! -s "$TEST_TMP/exit" ]
ok $? "and nstutor is still running"

# --- Ctrl-C on a pipe -------------------------------------------------------------
clear_pane
type_line 'ip netns exec RED ping 11.11.11.1 | grep ttl'
wait_for 'icmp_seq=2 ' 5
tm send-keys -t nst C-c
wait_prompt 'nstutor> ' 4
ok $? "Ctrl-C during ping | grep ttl: the prompt comes back"
has_line "$(pane)" '\^C' "^C stands on a line of its own"
like "$(pane)" 'icmp_seq=1 ttl=64' "the replies came through grep"
! pane | grep -q 'PING 11'
ok $? "and only they"
nst_pid=$(pgrep -P "$(tm list-panes -t nst -F '#{pane_pid}')" -x nstutor)
[ -n "$nst_pid" ] && [ -z "$(pgrep -P "$nst_pid")" ]
ok $? "no filter process is left behind"

# --- clear and Ctrl-L -----------------------------------------------------------------
type_line 'ip netns list'
wait_for '^RED' 3
type_line 'clear'
wait_prompt 'nstutor> '
is "$(pane)" 'nstutor>' "clear: only the prompt is left on the screen"
type_line 'ip netns list'
wait_for '^RED' 3
tm send-keys -t nst -l 'ip link'
tm send-keys -t nst C-l
wait_prompt 'nstutor> ip link'
is "$(pane)" 'nstutor> ip link' "Ctrl-L: the screen holds only the prompt and the half-typed line"
tm send-keys -t nst C-u

# --- sudo -Es, then exit at the top leaves --------------------------------------------
type_line 'sudo -Es'
wait_prompt 'nstutor> '
ok $? "sudo -Es: the same prompt"
type_line 'exit'
for _ in $(seq 50); do [ -s "$TEST_TMP/exit" ] && break; sleep 0.1; done
is "$(cat "$TEST_TMP/exit" 2>/dev/null)" 0 "exit at the top leaves nstutor, status 0"

done_testing
