#!/bin/bash
# config.sh: the system's settings, nstutor.conf ($NSTUTOR_CONF here):
# the default world, the teacher's lesson directory and the language,
# each under its command-line option; bad lines are said and ignored.
. "$(dirname "$0")/lib.sh"
need_tools ip jq

conf=$TEST_TMP/nstutor.conf
mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
export NSTUTOR_LOCALEDIR="$TEST_TMP/locale"
# with_conf TEXT CMD...: CMD with a config file holding TEXT.
with_conf() {
	printf '%s\n' "$1" >"$conf"
	shift
	NSTUTOR_CONF=$conf "$@"
}

# world = host: no sandbox is made, the world's own namespaces are seen
ip netns add RED
out=$(with_conf 'world = host' "$NSTUTOR" --plain -c 'ip netns list' 2>&1)
is "$out" "RED" "world = host: ip netns list shows this world's namespace"
ok $([ ! -e "$NSTUTOR_RUNTIME_DIR/sandbox" ]; echo $?) "world = host: no sandbox was made"
with_conf '  world=host   # the classroom VM' "$NSTUTOR" --plain -c 'ip netns add BLUE' 2>&1
is "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" "BLUE RED " \
	"world=host with blanks and a comment: ip netns add acts on this world"

# the command line wins: --world=sandbox makes a sandbox all the same
out=$(with_conf 'world = host' "$NSTUTOR" --plain --world=sandbox -c 'ip netns list' 2>&1)
is "$out" "" "--world=sandbox beats world = host (the sandbox has no namespace)"
ok $([ -e "$NSTUTOR_RUNTIME_DIR/sandbox" ]; echo $?) "--world=sandbox: the sandbox was made"
NSTUTOR_CONF= "$NSTUTOR" world stop >/dev/null 2>&1
# no file: the sandbox is the default
out=$(NSTUTOR_CONF= "$NSTUTOR" --plain -c 'ip netns list' 2>&1)
is "$out" "" "no config: the default world is the sandbox"
NSTUTOR_CONF= "$NSTUTOR" world stop >/dev/null 2>&1
out=$(with_conf 'world = sandbox' "$NSTUTOR" --plain -c 'ip netns list' 2>&1)
is "$out" "" "world = sandbox: the sandbox"
NSTUTOR_CONF= "$NSTUTOR" world stop >/dev/null 2>&1

# lessons = DIR: a teacher's lesson is found, graded and listed
mkdir -p "$TEST_TMP/class"
cat >"$TEST_TMP/class/red.lesson" <<'LESSON'
lesson: red
title: Make RED
title.ko: RED 만들기
about: A namespace called RED.
about.ko: RED라는 네임스페이스입니다.

step: red
title: Make the namespace RED
title.ko: 네임스페이스 RED를 만듭니다
try: ip netns add RED
check: netns RED
LESSON
json=$(with_conf "world = host
lessons = $TEST_TMP/class" "$NSTUTOR" --check red --format=json)
is "$?" 0 "lessons = DIR: --check red grades the teacher's lesson (exit 0)"
is "$(jq -r '"\(.lesson) \(.passed)/\(.total)"' <<<"$json")" "red 1/1" \
	"lessons = DIR: the JSON says red 1/1"
out=$(with_conf "lessons = $TEST_TMP/class" "$NSTUTOR" --world=host --plain -c lessons 2>&1)
like "$out" "(^|[^a-z])red([^a-z]|$)" "lessons = DIR: 'lessons' lists red"
like "$out" "(^|[^a-z])bridge([^a-z]|$)" "lessons = DIR: the installed lessons are still listed"
NSTUTOR_CONF= "$NSTUTOR" --check red >/dev/null 2>&1
is "$?" 2 "without the config, red is no lesson (exit 2)"

# language = ko, and --lang beats it
help_ko=$(with_conf 'language = ko' "$NSTUTOR" --help)
like "$help_ko" "^사용법: nstutor" "language = ko: --help is in Korean"
help_en=$(with_conf 'language = ko' "$NSTUTOR" --lang=en --help)
like "$help_en" "^Usage: nstutor" "--lang=en beats language = ko"
like "$help_en" "Defaults for --world, --lessons and --lang are read from" \
	"--help says where the defaults come from"
out=$(with_conf 'language = ko' "$NSTUTOR" --world=host -c 'no-such-command' 2>&1)
like "$out" "명령을 찾을 수 없습니다" "language = ko: errors are in Korean"

# bad lines: said with file and line, in the language, and ignored
out=$(with_conf '# classroom
world = moon
colour = yes
just words
lessons =
world = host' "$NSTUTOR" --plain -c 'ip netns list' 2>&1)
has_line "$out" "nstutor: warning: $conf:2: unknown world 'moon' \\(use host or sandbox\\); the line is ignored" \
	"a bad world is said with its line"
has_line "$out" "nstutor: warning: $conf:3: unknown setting 'colour' \\(known: world, lessons, language\\); the line is ignored" \
	"an unknown key is said with its line"
has_line "$out" "nstutor: warning: $conf:4: 'just words' is not \"key = value\"; the line is ignored" \
	"a line without = is said"
has_line "$out" "nstutor: warning: $conf:5: 'lessons' is not \"key = value\"; the line is ignored" \
	"a key without a value is said"
has_line "$out" "BLUE" "the good lines still apply: world = host (BLUE is listed)"
out=$(with_conf 'colour = yes
language = ko' "$NSTUTOR" --version 2>&1)
like "$out" "^nstutor: 경고: .*:1: " "the warning is in the file's language"
like "$out" "nstutor [0-9]" "a bad line does not stop nstutor"

# a file named by NSTUTOR_CONF that is not there is said; the default is not
out=$(NSTUTOR_CONF=$TEST_TMP/none.conf "$NSTUTOR" --version 2>&1)
has_line "$out" "nstutor: warning: cannot read $TEST_TMP/none.conf: No such file or directory" \
	"NSTUTOR_CONF naming no file: a warning"
like "$out" "nstutor [0-9]" "NSTUTOR_CONF naming no file: nstutor runs on"
mkdir "$TEST_TMP/dir.conf"
out=$(NSTUTOR_CONF=$TEST_TMP/dir.conf "$NSTUTOR" --version 2>&1)
like "$out" "warning: (cannot read )?$TEST_TMP/dir.conf" "a directory as config: a warning"

done_testing
