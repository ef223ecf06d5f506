#!/bin/bash
# man.sh: nstutor(1) and nstutor-lesson(5) render without a warning, and
# say what --help, help and lessons/README.md say.
. "$(dirname "$0")/lib.sh"
need_tools groff man

man1=$top_srcdir/doc/nstutor.1
man5=$top_srcdir/doc/nstutor-lesson.5
manko=$top_srcdir/doc/ko/nstutor.1

# render PAGE: the page as man(1) shows it, on long lines (so that no word
# is broken), with the hyphen and minus glyphs as "-".
render() {
	groff -k -man -Tutf8 -rLL=300n -P-cbou "$1" 2>/dev/null |
		sed 's/\xe2\x80\x90/-/g; s/\xe2\x88\x92/-/g'
}

for page in "$man1" "$man5" "$manko"; do
	name=${page#"$top_srcdir"/doc/}
	warnings=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
	is "$warnings" "" "$name: groff -ww has no warning"
	warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	is "$warnings" "" "$name: man -l has no warning"
	like "$(MANWIDTH=80 man -l "$page" 2>/dev/null | head -1)" \
		"^NSTUTOR(-LESSON)?\\([15]\\)" "$name: man -l shows its title"
done

page1=$(render "$man1")
page5=$(render "$man5")

# the words a page must hold, each on its own check
covers() {
	local page=$1 what=$2 word missing=
	shift 2
	for word in "$@"; do
		printf '%s\n' "$page" | grep -qF -- "$word" || missing="$missing $word"
	done
	is "${missing# }" "" "$what"
}

# every long option --help prints (the topology ones included)
help=$(nstutor_ --help)
opts=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]+' | sort -u)
ok $(($(printf '%s\n' "$opts" | wc -l) < 10)) "--help prints the options (got $(echo $opts))"
# each as a tag (a line at the first indent) of OPTIONS or SUBCOMMANDS
tags=$(printf '%s\n' "$page1" | sed -n '/^OPTIONS/,/^COMMANDS/p' |
	grep -E '^       [^ ]')
missing=
for opt in $opts; do
	printf '%s\n' "$tags" | grep -qE -- "(^ +|[ ,|[])$opt([]=, |]|\$)" ||
		missing="$missing $opt"
done
is "${missing# }" "" "nstutor.1 describes every long option of --help"

# the short ones, as "-c, --command"
shorts=$(printf '%s\n' "$help" | grep -oE -- '^ +-[a-zA-Z], --[a-z-]+' |
	sed 's/^ *//')
ok $(($(printf '%s\n' "$shorts" | wc -l) < 5)) "--help prints the short options"
while read -r short long; do
	like "$page1" "(^|[^-])${short%,}(, | [A-Z]+, )$long" \
		"nstutor.1 pairs ${short%,} with $long"
done <<<"$shorts"

# the subcommands of --help's usage
subs=$(printf '%s\n' "$help" | sed -n 's/^ *or: *nstutor \[OPTION\]\.\.\. //p' |
	grep -oE '^[a-z|]+' | tr '|' '\n')
is "$(echo $subs)" "shell world reset doctor topology" "--help names the subcommands"
for sub in $subs; do
	has_line "$(printf '%s\n' "$page1" | sed -n '/^SUBCOMMANDS/,/^COMMANDS/p')" \
		"       $sub( .*)?" "nstutor.1 describes the subcommand $sub"
done

# every root command the REPL's help lists, in its COMMANDS section
cmds=$(nstutor_ --world=host --plain -c help | sed -n 's/^  \([a-z]\+\) .*/\1/p')
ok $(($(printf '%s\n' "$cmds" | wc -l) < 25)) "help lists the REPL's commands"
commands=$(printf '%s\n' "$page1" | sed -n '/^COMMANDS/,/^WORLDS/p')
missing=
for cmd in $cmds; do
	printf '%s\n' "$commands" | grep -qE -- "^       ($cmd( |\$)|.*, $cmd(,|\$)|$cmd, )" ||
		missing="$missing $cmd"
done
is "${missing# }" "" "nstutor.1 describes every command help lists"

# the Korean page: every long option and every command, as tags
pageko=$(render "$manko")
tags=$(printf '%s\n' "$pageko" | grep -E '^       [^ ]')
missing=
for word in $opts $cmds; do
	printf '%s\n' "$tags" | grep -qE -- "(^ +|[ ,|[])$word([]=, |]|\$)" ||
		missing="$missing $word"
done
is "${missing# }" "" "ko/nstutor.1 describes every option and command"

# the sections a manual page needs
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS WORLDS \
	"EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	has_line "$page1" "$section" "nstutor.1 has $section"
done

# the exit statuses --help gives
like "$page1" "2 +The options were wrong, or no world could be opened" \
	"nstutor.1 says when the exit status is 2"

# every variable nstutor reads
vars=$(grep -ohE 'getenv\("[A-Z_]+"\)' "$top_srcdir"/src/*.c | sed 's/getenv("\(.*\)")/\1/' |
	grep -v '^NSTUTOR_TRACE' | sort -u)
ok $(($(printf '%s\n' "$vars" | wc -l) < 8)) "src reads environment variables"
environment=$(printf '%s\n' "$page1" | sed -n '/^ENVIRONMENT/,/^FILES/p')
# shellcheck disable=SC2086
covers "$environment" "nstutor.1's ENVIRONMENT has every variable src reads" $vars

# the bridge lab lines, as the lesson's solution types them
sol=$(grep -v '^ip netns exec .*; ' "$top_srcdir/lessons/bridge.solution" |
	grep -v '^ip netns exec RED ping\|^bridge fdb show$')
missing=
while read -r line; do
	printf '%s\n' "$page1" | grep -qxF -- "              nstutor> $line" ||
		missing="$missing [$line]"
done <<<"$sol"
is "${missing# }" "" "nstutor.1's example is the bridge lab"
covers "$page1" "nstutor.1 shows --check with --format=json" \
	"nstutor --world=host --check all --format=json"
covers "$page1" "nstutor.1's SEE ALSO" "nstutor-lesson(5)" "ip(8)" \
	"ip-netns(8)" "iptables(8)" "tcpdump(8)" "bridge(8)"

# nstutor-lesson(5): every key and every check kind of lessons/README.md
readme=$top_srcdir/lessons/README.md
kinds=$(sed -n '/^## Checks/,/^## An example/p' "$readme" |
	sed -n 's/^| `\([a-z]\+\) .*/\1/p' | sort -u)
is "$(echo $kinds)" "addr fdb http link neigh netns noping ping policy route rule sysctl" \
	"lessons/README.md lists the check kinds"
checks=$(printf '%s\n' "$page5" | sed -n '/^CHECKS/,/^EXAMPLES/p')
missing=
for kind in $kinds; do
	printf '%s\n' "$checks" | grep -qE "^       $kind( |$)" || missing="$missing $kind"
done
is "${missing# }" "" "nstutor-lesson.5 describes every check kind"

# every form of a check, e.g. "link NS DEV peer NS2 DEV2"
forms=$(sed -n '/^## Checks/,/^## An example/p' "$readme" |
	sed -n 's/^| `\([a-z][^`]*\)` |.*/\1/p')
missing=
while read -r form; do
	printf '%s\n' "$checks" | grep -qxF -- "       $form" || missing="$missing [$form]"
done <<<"$forms"
is "${missing# }" "" "nstutor-lesson.5 has every form of check"

keys=$(sed -n '/^### The head/,/^## Checks/p' "$readme" |
	grep -oE '^\| `[a-z]+(\.ko)?:`(, `[a-z]+\.ko:`)?' | grep -oE '[a-z]+(\.ko)?:' | sort -u)
ok $(($(printf '%s\n' "$keys" | wc -l) < 12)) "lessons/README.md lists the keys"
tags=$(printf '%s\n' "$page5" | sed -n '/^FORMAT/,/^CHECKS/p' |
	grep -E '^       [a-z]+(\.ko)?:')
missing=
for key in $keys; do
	printf '%s\n' "$tags" | grep -qE -- "(^ +|, )$key(,| |\$)" ||
		missing="$missing $key"
done
is "${missing# }" "" "nstutor-lesson.5 describes every key"

done_testing
