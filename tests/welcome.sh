#!/bin/bash
# welcome.sh: the first screen leads somewhere: in a new sandbox world,
# in one as the learner left it and in the host world, it says how to
# begin ("lessons", "lesson host-veth") or, with a lesson left unfinished
# in that world, how to go on with it; in English and in Korean.  And
# "help" lists the lesson commands first, then the tools, each group
# under a heading.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/tty.sh"

mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
export NSTUTOR_LOCALEDIR="$TEST_TMP/locale"

# first_screen ARGS...: what nstutor ARGS shows before its first prompt
# (a terminal of its own; then it quits).
first_screen() {
	local screen
	tm kill-session -t nst 2>/dev/null
	tm new-session -d -s nst -x 200 -y 40 "'$NSTUTOR' $*; sleep 60"
	wait_for 'nstutor> *$' 10
	screen=$(pane)
	type_line quit
	printf '%s\n' "$screen"
}

# --- the host world --------------------------------------------------------
out=$(first_screen --world=host)
like "$out" "The host world: what you type changes this machine's real network\\." \
	"host world: says what it is"
like "$out" 'To begin: "lessons" lists the lessons, "lesson host-veth" starts the first one; "help" lists every command\.' \
	"host world: says how to begin"
out=$(first_screen --world=host --lang=ko)
like "$out" 'host 월드입니다\. 여기서 입력하는 명령은 이 컴퓨터의 실제 네트워크를 바꿉니다\.' \
	"host world, Korean: says what it is"
like "$out" '처음이라면 "lesson host-veth"로 첫 레슨을 시작하세요\. "lessons"는 레슨 목록을, "help"는 모든 명령을 보여 줍니다\.' \
	"host world, Korean: says how to begin"

# --- a sandbox world: new, then as it was left --------------------------------
out=$(first_screen --world=sandbox)
like "$out" 'A new sandbox world of your own: nothing you do here touches this machine\.' \
	"a new sandbox world: says so"
like "$out" 'To begin: "lessons" lists the lessons, "lesson host-veth" starts the first one' \
	"a new sandbox world: says how to begin"
out=$(first_screen --world=sandbox)
like "$out" 'Your sandbox world \(keeper pid [0-9]+\), as you left it: "world status" shows what is in it\.' \
	"the sandbox world again: as it was left"
like "$out" 'To begin: "lessons" lists the lessons, "lesson host-veth" starts the first one' \
	"no lesson under way: says how to begin"
out=$(first_screen --world=sandbox --lang=ko)
like "$out" '지난번 그대로 남아 있는 sandbox 월드입니다\(keeper pid [0-9]+\)\. 안에 무엇이 있는지는 "world status"로 볼 수 있습니다\.' \
	"the sandbox world again, Korean"

# a lesson left unfinished in this world: going on is the way to begin
"$NSTUTOR" --world=sandbox -c 'lesson veth' >/dev/null 2>&1
out=$(first_screen --world=sandbox)
like "$out" 'To go on: "lesson veth" picks up where you left off; "lessons" lists every lesson, "help" every command\.' \
	"a lesson under way in this world: says how to go on with it"
out=$(first_screen --world=sandbox --lang=ko)
like "$out" '하던 레슨은 "lesson veth"로 이어서 할 수 있습니다\. "lessons"는 레슨 목록을, "help"는 모든 명령을 보여 줍니다\.' \
	"a lesson under way, Korean"
out=$(first_screen --world=host)
like "$out" 'To begin: "lessons" lists the lessons, "lesson host-veth"' \
	"in another world (the host) that lesson is not offered to go on"
"$NSTUTOR" --world=sandbox world stop >/dev/null 2>&1
out=$(first_screen --world=sandbox)
like "$(tr '\n' ' ' <<<"$out")" 'A new sandbox world of your own.*To begin: "lessons"' \
	"a new sandbox world after world stop: how to begin, not to go on"
tm kill-session -t nst 2>/dev/null

# --- help: the lessons' commands first, then the tools, under headings --------
out=$(nst -c help)
names=$(sed -n 's/^  \([a-z]\+\) .*/\1/p' <<<"$out" | tr '\n' ' ')
is "$names" "lessons lesson hint show run check next back skip explain capture topology ip bridge sysctl iptables ping arp route tcpdump curl serve help enter leave shell world reset doctor sudo nsenter ls clear quit exit " \
	"help: the lessons' commands first, then what shows the network, the tools, the shell's own"
is "$(grep -v '^  ' <<<"$out" | grep -v '^$')" "nstutor speaks these commands (help COMMAND for more):
Lessons:
Seeing what happened:
The network tools (nstutor carries them out itself):
The shell and its world:" "help: a heading for each group"
out=$(nst --lang=ko -c help)
is "$(grep -A1 '^레슨:$' <<<"$out" | sed -n '2s/^  \([a-z]*\) .*/\1/p')" lessons \
	"help, Korean: the lessons' heading, over lessons"
is "$(grep -A1 '^네트워크 도구(nstutor가 직접 실행합니다):$' <<<"$out" |
	sed -n '2s/^  \([a-z]*\) .*/\1/p')" ip "help, Korean: the tools' heading, over ip"
done_testing
