# lesson-lib.sh: grading one of the six lessons in throwaway worlds, for
# tests/lesson-NAME.sh (sourced after lib.sh, with LESSON set).
#
# lesson_world: a fresh world: no namespace, no link but lo, an empty
#   ruleset, ip_forward 0, no web server left running.
# lesson_setup: the lesson's setup: lines, run by nstutor (the tutor
#   runs them itself in guided mode).
# lesson_solve / lesson_solve_real: its NAME.solution through nstutor -f,
#   or NAME.solution-real through bash with the real ip and iptables-nft.
# grade: nstutor --check LESSON --format=json into $GRADE_JSON, exit
#   status into $GRADE_RC; failed_ids: the ids of the failing steps.
# grade_like DESC RC FAILED: the whole round of assertions: exit status,
#   JSON valid and complete, exactly those steps failing (in order), and
#   the TAP output agreeing, parsed by TAP::Parser.

: "${LESSON:?LESSON must name the lesson}"
LESSON_DIR=${NSTUTOR_LESSONS:-$top_srcdir/lessons}
LESSON_FILE=$LESSON_DIR/$LESSON.lesson
export NSTUTOR_LESSONS=$LESSON_DIR
# python3's http.server and curl, as a student's shell finds them
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WWW=$TEST_TMP/www
export WWW

# what every lesson test needs
need_tools jq perl nft iptables-nft
need_nf_tables
perl -MTAP::Parser -e 1 2>/dev/null || { echo "1..0 # SKIP no TAP::Parser (perl)"; exit 0; }

# The step ids, in the file's order, one line.
lesson_ids() {
	sed -n 's/^step: *//p' "$LESSON_FILE" | tr '\n' ' ' | sed 's/ $//'
}

lesson_stop_servers() {
	local pid
	nstutor_ --plain -c 'serve stop' >/dev/null 2>&1
	if [ -f "$WWW/pids" ]; then
		for pid in $(cat "$WWW/pids"); do
			kill "$pid" 2>/dev/null
		done
		rm -f "$WWW/pids"
	fi
	true
}

lesson_world() {
	lesson_stop_servers
	world_reset
	nft flush ruleset 2>/dev/null
	iptables-nft -P FORWARD ACCEPT 2>/dev/null
	sysctl -qw net.ipv4.ip_forward=0
	if [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]; then
		sysctl -qw net.bridge.bridge-nf-call-iptables=1
	fi
	rm -rf "$WWW"
	mkdir -p "$WWW"
}

lesson_setup() {
	sed -n 's/^setup: *//p' "$LESSON_FILE" >"$TEST_TMP/setup.nst"
	[ -s "$TEST_TMP/setup.nst" ] || return 0
	nstutor_ --plain -f "$TEST_TMP/setup.nst" >"$TEST_TMP/setup.out" 2>&1 || {
		sed 's/^/#   /' "$TEST_TMP/setup.out" | tail -5
		return 1
	}
}

lesson_solve() {
	nstutor_ --plain -f "$LESSON_DIR/$LESSON.solution" >"$TEST_TMP/solve.out" 2>&1 || {
		sed 's/^/#   /' "$TEST_TMP/solve.out" | tail -5
		return 1
	}
}

lesson_solve_real() {
	bash -e "$LESSON_DIR/$LESSON.solution-real" >"$TEST_TMP/solve.out" 2>&1 || {
		sed 's/^/#   /' "$TEST_TMP/solve.out" | tail -5
		return 1
	}
}

cleanup_lesson() {
	lesson_stop_servers
	nst_cleanup
}
trap cleanup_lesson EXIT

GRADE_JSON=$TEST_TMP/grade.json
GRADE_RC=

grade() {
	nstutor_ --check "$LESSON" --format=json >"$GRADE_JSON" 2>"$TEST_TMP/grade.err"
	GRADE_RC=$?
}

failed_ids() {
	jq -r '[.steps[] | select(.ok != true) | .id] | join(" ")' "$GRADE_JSON" 2>/dev/null
}

# tap_summary: "planned run failed parse_errors" of --check's TAP output.
tap_summary() {
	nstutor_ --check "$LESSON" --format=tap 2>/dev/null | perl -MTAP::Parser -e '
		my $p = TAP::Parser->new({ tap => do { local $/; <STDIN> } });
		1 while defined $p->next;
		printf "%s %d %d %d\n", $p->tests_planned // "none", $p->tests_run,
			scalar($p->failed), scalar($p->parse_errors);'
}

grade_like() {
	local desc=$1 want_rc=$2 want_failed=$3 tap=${4:-tap} nsteps passed total
	nsteps=$(lesson_ids | wc -w)
	grade
	is "$GRADE_RC" "$want_rc" "$desc: --check exits $want_rc"
	jq -e . "$GRADE_JSON" >/dev/null 2>&1
	ok $? "$desc: the JSON is valid"
	is "$(jq -r '[.steps[].id] | join(" ")' "$GRADE_JSON" 2>/dev/null)" "$(lesson_ids)" \
		"$desc: the JSON lists every step, in order"
	passed=$(jq -r .passed "$GRADE_JSON" 2>/dev/null)
	total=$(jq -r .total "$GRADE_JSON" 2>/dev/null)
	is "$total" "$nsteps" "$desc: total is the number of steps"
	is "$passed" "$((nsteps - $(printf '%s' "$want_failed" | wc -w)))" "$desc: passed counts the passing steps"
	is "$(jq -r '"\(.lesson) \(.ok)"' "$GRADE_JSON" 2>/dev/null)" \
		"$LESSON $([ "$want_rc" = 0 ] && echo true || echo false)" "$desc: lesson and ok"
	is "$(failed_ids)" "$want_failed" "$desc: failing steps: ${want_failed:-none}"
	# every failing step says which check failed
	is "$(jq -r '[.steps[] | select(.ok != true) |
		select((.failed_check // "") == "")] | length' "$GRADE_JSON" 2>/dev/null)" 0 \
		"$desc: every failing step names its failed check"
	if [ "$tap" = tap ]; then
		is "$(tap_summary)" "$nsteps $nsteps $(printf '%s' "$want_failed" | wc -w) 0" \
			"$desc: TAP: plan, tests, failures (TAP::Parser)"
	fi
	if [ "$(failed_ids)" != "$want_failed" ]; then
		jq -r '.steps[] | select(.ok != true) | "#   \(.id): \(.failed_check)"' \
			"$GRADE_JSON" 2>/dev/null
		sed 's/^/#   stderr: /' "$TEST_TMP/grade.err" | head -5
	fi
}

# break_like SOLVER DESC CMD FAILED [REPAIR]: a solved world (SOLVER:
# lesson_solve or lesson_solve_real), then CMD (bash, the real tools)
# breaks one thing; exactly the steps FAILED (in order) fail.  With
# REPAIR (what undoes CMD), the next break_like of the same SOLVER
# repairs this world instead of solving a new one (tests stay fast).
SOLVED_BY=
SOLVED_REPAIR=
break_like() {
	local solver=$1 desc=$2 cmd=$3 want=$4
	if [ "$SOLVED_BY" = "$solver" ] && [ -n "$SOLVED_REPAIR" ] &&
		eval "$SOLVED_REPAIR" >/dev/null 2>&1; then
		ok 0 "$desc: solved (the last break repaired)"
	else
		lesson_world
		lesson_setup && $solver
		ok $? "$desc: solved"
	fi
	SOLVED_BY=$solver
	SOLVED_REPAIR=${5:-}
	eval "$cmd" >/dev/null 2>&1
	ok $? "$desc: broken ($cmd)"
	grade_like "$desc" 1 "$want" notap
}

# The whole round for a lesson: empty world, nstutor's solution, the real
# tools' solution.  The lesson's own test adds what breaks.
lesson_round() {
	lesson_world
	grade_like "empty world" 1 "$(lesson_ids)"

	lesson_world
	lesson_setup
	ok $? "setup runs in nstutor"
	lesson_solve
	ok $? "$LESSON.solution runs in nstutor -f"
	grade_like "nstutor's solution" 0 ""

	lesson_world
	lesson_setup
	ok $? "setup runs in nstutor (for the real tools)"
	lesson_solve_real
	ok $? "$LESSON.solution-real runs with the real tools"
	grade_like "the real tools' solution" 0 ""
	# the first break may start from this world
	SOLVED_BY=lesson_solve_real
	SOLVED_REPAIR=:
}
