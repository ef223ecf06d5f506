# tty.sh: nstutor in a real terminal (tmux), for tests/repl.sh and
# tests/tcpdump-repl.sh.  Source it after tests/lib.sh: it skips the test
# when tmux is missing, and gives tm (tmux on the test's own server),
# pane, last_line, wait_for, wait_prompt, type_line, clear_pane and
# count.  The session is the caller's to start: tm new-session -s nst.
# TTY_SCROLLBACK=N before sourcing: pane shows N lines of history too.

if ! command -v tmux >/dev/null; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

export XDG_STATE_HOME="$TEST_TMP/state"
sock="$TEST_TMP/tmux.sock"
tm() { tmux -S "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
# A session that stays, so that killing "nst" never ends the tmux server
# while a test starts the next one (the server could go down mid-start).
tm new-session -d -s keep 'sleep 600'

# pane: what the terminal shows, without trailing blanks and blank lines
# (readline clears with spaces, so the prompt's own space goes too).
pane() {
	tm capture-pane -p ${TTY_SCROLLBACK:+-S -"$TTY_SCROLLBACK"} -t nst |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}
# last_line: the line the cursor is on.
last_line() { pane | tail -n 1 | sed 's/ *$//'; }

# wait_for REGEX [SECONDS]: until the pane matches (ERE); 1 on timeout.
wait_for() {
	local i
	for ((i = 0; i < ${2:-5} * 20; i++)); do
		pane | grep -qE -- "$1" && return 0
		sleep 0.05
	done
	return 1
}

# wait_prompt PROMPT [SECONDS]: until the cursor's line is just PROMPT
# (trailing blanks aside).
wait_prompt() {
	local i want
	want=$(printf '%s' "$1" | sed 's/ *$//')
	for ((i = 0; i < ${2:-5} * 20; i++)); do
		[ "$(last_line)" = "$want" ] && return 0
		sleep 0.05
	done
	return 1
}

# type_line LINE: types the line and Enter.
type_line() {
	tm send-keys -t nst -l "$1"
	tm send-keys -t nst Enter
}

# clear_pane: an empty screen and no history.
clear_pane() { tm send-keys -t nst C-l; tm clear-history -t nst; }

# count REGEX: how many of the pane's lines match.
count() { pane | grep -cE -- "$1"; }
