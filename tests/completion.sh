#!/bin/bash
# completion.sh: contrib/completion/nstutor, sourced by a plain bash (no
# bash-completion package), completes options, their values, lesson names,
# subcommands and the world's namespaces.
. "$(dirname "$0")/lib.sh"

comp=$top_srcdir/contrib/completion/nstutor
# nstutor as the completion finds it: on PATH, under its own name
mkdir -p "$TEST_TMP/bin"
ln -s "$NSTUTOR" "$TEST_TMP/bin/nstutor"

# complete WORD...: what the completion offers for the words, the last
# one being completed, sorted, on one line.
complete_() {
	PATH="$TEST_TMP/bin:$PATH" bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_nstutor
		printf "%s\n" "${COMPREPLY[@]}"' complete "$comp" "$@" | sort | xargs
}

is "$(bash --norc -c '. "$1" && complete -p nstutor' x "$comp")" \
	"complete -F _nstutor nstutor" "it registers _nstutor for nstutor"

is "$(complete_ nstutor --wo)" "--world=" "--wo: --world="
is "$(complete_ nstutor --f)" "--file= --format=" "--f: --file= --format="
is "$(complete_ nstutor --k)" "--keep-going" "--k: --keep-going"
# bash splits "--world=" at the "=" (COMP_WORDBREAKS): both forms
is "$(complete_ nstutor --world = '')" "host sandbox" "--world=: host sandbox"
is "$(complete_ nstutor --world = s)" "sandbox" "--world=s: sandbox"
is "$(complete_ nstutor --world=)" "--world=host --world=sandbox" \
	"--world= as one word: --world=host --world=sandbox"
is "$(complete_ nstutor --world h)" "host" "--world h: host"
is "$(complete_ nstutor --lang = '')" "en ko" "--lang=: en ko"
is "$(complete_ nstutor --format = '')" "json tap text" "--format=: text json tap"
is "$(complete_ nstutor --format=)" "--format=json --format=tap --format=text" \
	"--format= as one word"

# lesson names: the uninstalled nstutor's own, the source tree's lessons/
# (read from the build's src/nstutor.uninstalled, as nstutor reads it)
lessons=$(cd "$top_srcdir/lessons" && ls -- *.lesson | sed 's/\.lesson$//' | xargs)
is "$(complete_ nstutor --check = br)" "bridge" "--check=br: bridge"
is "$(complete_ nstutor --check=br)" "--check=bridge" "--check=br as one word"
is "$(complete_ nstutor --check = '')" "$(echo all $lessons | xargs -n1 | sort | xargs)" \
	"--check=: all and every lesson"
# and from --lessons DIR, where a lesson of its own hides none
mkdir -p "$TEST_TMP/more"
printf 'lesson: zebra\n' >"$TEST_TMP/more/zebra.lesson"
printf 'lesson: .hidden\n' >"$TEST_TMP/more/.hidden.lesson"
is "$(complete_ nstutor --lessons "$TEST_TMP/more" --check = z)" "zebra" \
	"--lessons DIR --check=z: the lesson in DIR"
is "$(complete_ nstutor --lessons="$TEST_TMP/more" --check z)" "zebra" \
	"--lessons=DIR --check z: the lesson in DIR"
is "$(complete_ nstutor --check = z)" "" "without --lessons DIR: no zebra"
is "$(XDG_DATA_HOME=$TEST_TMP/xdg; mkdir -p "$XDG_DATA_HOME/nstutor/lessons"
	cp "$TEST_TMP/more/zebra.lesson" "$XDG_DATA_HOME/nstutor/lessons/"
	export XDG_DATA_HOME; complete_ nstutor --check = z)" "zebra" \
	"a lesson in \$XDG_DATA_HOME/nstutor/lessons"

# files and directories
mkdir -p "$TEST_TMP/files/subdir"
: >"$TEST_TMP/files/lab.txt"
is "$(complete_ nstutor -f "$TEST_TMP/files/l")" "$TEST_TMP/files/lab.txt" "-f: files"
is "$(complete_ nstutor --lessons = "$TEST_TMP/files/")" "$TEST_TMP/files/subdir" \
	"--lessons=: directories only"

# subcommands
is "$(complete_ nstutor to)" "topology" "to: topology"
is "$(complete_ nstutor '')" "doctor reset shell topology world" "the subcommands"
is "$(complete_ nstutor --plain -k w)" "world" "after options: world"
is "$(complete_ nstutor --world host w)" "world" "after --world host: world"
is "$(complete_ nstutor world '')" "status stop" "world: status stop"
is "$(complete_ nstutor topology --d)" "--dot" "topology --d: --dot"
is "$(complete_ nstutor -c world '')" "" "-c's value is not a subcommand, and none follows -c"
is "$(complete_ nstutor -k '')" "doctor reset shell topology world" "after -k: the subcommands"

# shell NS: the namespaces of the world
is "$(complete_ nstutor shell '')" "" "shell: no namespace yet, none offered"
ip netns add RED
ip netns add BLUE-2
is "$(complete_ nstutor shell '')" "$(ip netns list | cut -d' ' -f1 | sort | xargs)" \
	"shell: the namespaces ip netns list shows"
is "$(complete_ nstutor shell R)" "RED" "shell R: RED"
is "$(complete_ nstutor --world=host shell '')" "BLUE-2 RED" "--world=host shell: the host world's"
is "$(complete_ nstutor --world = host shell B)" "BLUE-2" "--world = host shell B: BLUE-2"
is "$(complete_ nstutor shell RED '')" "" "shell RED: one namespace only"
is "$(complete_ nstutor shell RED -)" "--" "shell RED -: --"
like "$(complete_ nstutor shell RED -- bas)" "(^| )bash( |$)" "shell RED -- bas: commands"

# in the sandbox world, its own namespaces, not the machine's
nstutor_ --world=sandbox --plain -c 'ip netns add GREEN' >/dev/null
is "$(complete_ nstutor --world=sandbox shell '')" "GREEN" \
	"--world=sandbox shell: the sandbox's namespaces"
is "$(complete_ nstutor shell '')" "GREEN" "shell: the default world's (sandbox)"
nstutor_ --world=sandbox world stop >/dev/null

done_testing
