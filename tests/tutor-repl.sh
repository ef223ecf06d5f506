#!/bin/bash
# tutor-repl.sh: guided mode in a real terminal (tmux), on the real
# bridge lesson: the steps typed as the tutorial types them, a step
# finished by the real ip while the prompt waits (the kernel watch), one
# deliberate mistake (beth1 left DOWN) that the hint names, the end; and
# quitting midway, then resuming at the same step in a new nstutor.
. "${top_srcdir:-.}/tests/lib.sh"

TTY_SCROLLBACK=300
. "${top_srcdir:-.}/tests/tty.sh"

if [ ! -e "$top_srcdir/lessons/bridge.lesson" ]; then
	echo "1..0 # SKIP lessons/bridge.lesson is not there"
	exit 0
fi

# start: nstutor in a new tmux session (the old one gone).
start() {
	tm kill-session -t nst 2>/dev/null
	rm -f "$TEST_TMP/exit"
	tm new-session -d -s nst -x 200 -y 50 \
		"'$NSTUTOR' --world=host; echo \$? >'$TEST_TMP/exit'; sleep 60"
	wait_prompt 'nstutor> '
}

# lines LINE...: types each line, waiting for the prompt after it.
lines() {
	local l
	for l in "$@"; do
		type_line "$l"
		wait_prompt 'nstutor> ' 10 || diag "no prompt after: $l"
	done
}

start
ok $? "the prompt appears"

type_line 'lesson bridge'
wait_for '^\[1/7\] [■□]+ Make RED and BLUE$' && wait_prompt 'nstutor> '
ok $? "lesson bridge: step [1/7], with its title"
like "$(pane)" 'A bridge is a virtual switch' "the lesson says what it is about"

clear_pane
lines 'ip netns add RED' 'ip netns add BLUE'
wait_for '✓ done: Make RED and BLUE' && wait_for '^\[2/7\] [■□]+ Two veth pairs'
ok $? "two namespaces: step 1 done, step 2 shown"

clear_pane
lines 'ip link add reth0 type veth peer name reth1' \
	'ip link set reth0 netns RED' \
	'ip link add beth0 type veth peer name beth1' \
	'ip link set beth0 netns BLUE'
wait_for '✓ done: Two veth pairs' && wait_for '^\[3/7\] [■□]+ Make br0'
ok $? "the veth pairs: step 2 done, step 3 shown"

# --- quit midway, and resume ------------------------------------------------
type_line 'quit'
for ((i = 0; i < 100; i++)); do [ -s "$TEST_TMP/exit" ] && break; sleep 0.05; done
is "$(cat "$TEST_TMP/exit" 2>/dev/null)" 0 "quit midway"
like "$(cat "$XDG_STATE_HOME/nstutor/progress")" '^bridge bridge namespaces:d,cables:d ' \
	"the progress file: at step bridge, two done"

start
type_line 'lesson bridge'
wait_for 'Going on where you left off' && wait_for '^\[3/7\] [■□]+ Make br0' &&
	wait_prompt 'nstutor> '
ok $? "lesson bridge in a new nstutor: resumed at step [3/7]"
ip netns list | grep -q '^RED' && ip -n RED link show reth0 >/dev/null
ok $? "the world was left as it was (the setup did not run again)"

clear_pane
lines 'ip link add br0 type bridge' 'ip link set reth1 master br0' \
	'ip link set beth1 master br0'
wait_for '✓ done: Make br0' && wait_for '^\[4/7\] [■□]+ Addresses for RED and BLUE'
ok $? "the bridge: step 3 done, step 4 shown"

# --- the real ip, while the prompt waits --------------------------------------
clear_pane
lines 'ip netns exec RED ip addr add 11.11.11.2/24 dev reth0'
! wait_for '✓ done: Addresses' 1
ok $? "half the addresses: not done"
ip netns exec BLUE ip addr add 11.11.11.3/24 dev beth0
wait_for '✓ done: Addresses for RED and BLUE' 5 &&
	wait_for '^\[5/7\] [■□]+ Turn everything on' && wait_prompt 'nstutor> '
ok $? "the real ip adds BLUE's address: the step is done at once, prompt back"

# --- the deliberate mistake ---------------------------------------------------
clear_pane
lines 'ip netns exec RED ip link set reth0 up; ip link set reth1 up' \
	'ip netns exec BLUE ip link set beth0 up' 'ip link set br0 up'
! pane | grep -q '✓ done: Turn everything on'
ok $? "beth1 left DOWN: the step is not done"
clear_pane
lines 'hint'
like "$(pane)" "Hint: beth1, BLUE's port on the bridge, is DOWN: ip link set beth1 up" \
	"hint: names what is wrong now (beth1 DOWN)"
lines 'ip link set beth1 up'
wait_for '✓ done: Turn everything on' && wait_for '^\[6/7\] [■□]+ Ping from RED to BLUE'
ok $? "ip link set beth1 up: step 5 done, step 6 shown"

# (no clear_pane: on a loaded machine the step's own check, a probe
# ping re-run on the netlink events of beth1 coming up, can complete it
# just before the learner's ping does)
lines 'ip netns exec RED ping -c 1 11.11.11.3'
wait_for '✓ done: Ping from RED to BLUE through br0' 20
status=$?
ok $status "the ping: step 6 done"
[ $status = 0 ] || pane | tail -40 | sed 's/^/#   pane: /'
lines 'bridge fdb show br br0'
wait_for 'Well done: you reached the end of the lesson' &&
	wait_for 'nstutor --check bridge'
ok $? "bridge fdb show: the last step done, the end, and --check suggested"
type_line 'lessons'
wait_for '^  bridge +done +RED and BLUE through a bridge'
ok $? "lessons: bridge done"
type_line 'quit'

done_testing
