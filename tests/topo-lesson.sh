#!/bin/bash
# topo-lesson.sh: in a lesson, "topology" makes what the current step is
# about stand out (the link still DOWN, the wire still missing, drawn
# where it will be) and says
# why under the picture; outside a lesson nothing stands out; a bad
# option is an error that changes nothing; "nstutor topology" works from
# the command line.
. "${top_srcdir:-.}/tests/lib.sh"

export XDG_STATE_HOME="$TEST_TMP/state"
export NSTUTOR_LESSONS="$top_srcdir/lessons"

# tutor LINES (stdin): nstutor -k -f, stdout and stderr together.
tutor() {
	cat >"$TEST_TMP/t.nst"
	nstutor_ -k -f "$TEST_TMP/t.nst" 2>&1
}

# --- the bridge lesson, at its "up" step with one end still down ------------
out=$(tutor <<'NST'
lesson bridge
run
run
run
run
ip -n RED link set reth0 up
ip -n BLUE link set beth0 up
ip link set beth1 up
ip link set br0 up
topology --ascii
NST
)
diag "$(grep -E '<=|this step' <<<"$out")"
has_line "$out" '^> this step: reth1 exists but is DOWN$' \
	"the step's one failing check is said under the picture"
like "$out" 'reth1 DOWN <=' "the host end reth1 is marked: DOWN, and the step's marker"
is "$(grep -c '<=' <<<"$out")" 1 "nothing else is marked"
ip link show reth1 | grep -q 'state DOWN'
ok $? "the kernel agrees: reth1 is down"

# --- the cables step: the wire still missing ------------------------------------
world_reset
export XDG_STATE_HOME="$TEST_TMP/state2"
out=$(tutor <<'NST'
lesson bridge
run
ip link add reth1 type veth peer name reth0 netns RED
topology --ascii
NST
)
diag "$(grep -E '<=|this step' <<<"$out")"
like "$out" '> this step: .*beth0' "a missing veth end: the step's words name it"
like "$out" '\| beth0 \(missing\) <= \+- - +\?' "... and the picture shows where it goes, marked, its wire dashed to nowhere"
! grep -q 'this step: .*reth0' <<<"$out"
ok $? "reth0, which is there, is not named"

# --- outside a lesson --------------------------------------------------------------
out=$(nstutor_ --plain -c 'topology --ascii' 2>&1)
ok $? "topology outside a lesson"
! grep -qE '<=|this step' <<<"$out"
ok $? "... marks nothing"

# --- from the command line, and a bad option -----------------------------------------
before=$(ip -j link show | jq -c '[.[].ifname]')
out=$(nstutor_ --plain topology --ascii 2>&1)
ok $? "nstutor topology (a command on the command line)"
like "$out" 'host' "... draws the host"
out=$(nstutor_ topology --bogus 2>&1)
is "$?" 1 "a bad option: exit status 1"
has_line "$out" '^topology: unknown option "--bogus"$' "... the error names it"
like "$out" 'hint: topology draws the lab' "... with one sentence of help"
is "$(ip -j link show | jq -c '[.[].ifname]')" "$before" "... and nothing changed"

done_testing
