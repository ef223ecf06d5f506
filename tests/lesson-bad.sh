#!/bin/bash
# lesson-bad.sh: each malformed lesson in tests/lessons-bad/ (one
# mistake a file) is refused whole, with "FILE:LINE: what was expected"
# naming the mistake's line, by lesson_load (tests/lesson-drive) and by
# nstutor --check, which never crashes on one; a lesson that only lacks
# Korean text loads, with warnings naming the step.
. "${top_srcdir:-.}/tests/lib.sh"

drive="${top_builddir:-.}/tests/lesson-drive"
dir="$top_srcdir/tests/lessons-bad"
declare -A tested

# refused NAME LINE MESSAGE: the driver refuses NAME.lesson, saying
# exactly "FILE:LINE: MESSAGE" (MESSAGE an ERE when it starts with ~).
refused() {
	local name=$1 line=$2 want=$3 file="$dir/$1.lesson" got out rc
	tested[$name]=1
	out=$("$drive" "$file" 2>"$TEST_TMP/err")
	rc=$?
	got=$(cat "$TEST_TMP/err")
	ok $((rc != 1)) "$name: not loaded (exit $rc)"
	is "$out" "" "$name: nothing half-loaded is reported"
	if [ "${want:0:1}" = "~" ]; then
		like "$got" "^$(printf '%s' "$file" | sed 's/[.[\*^$()+?{|]/\\&/g'):$line: ${want:1}\$" \
			"$name: line $line says what was expected"
	else
		is "$got" "$file:$line: $want" "$name: line $line says what was expected"
	fi
}

keys_step="step, title, title.ko, text, text.ko, try, check, moment, when, hint, hint.ko"
keys_head="lesson, title, title.ko, source, about, about.ko, setup, step"

refused unknown-key 12 "unknown key 'colour': expected $keys_step"
refused unknown-head-key 5 "unknown key 'author': expected $keys_head"
refused check-ko 13 "unknown key 'check.ko': expected $keys_step"
refused no-check 6 "step 'one' has no 'check:': expected at least one"
refused dup-id 28 "step id 'one' is already used on line 6: expected a new one"
refused bad-id 6 "step id 'make red': expected only letters, digits and '-'"
refused bad-id-hangul 6 "step id '하나': expected only letters, digits and '-'"
refused bad-cidr 13 "~11\.11\.11\.2/33 is not an address/prefix.*"
refused bad-check-kind 12 "~namespace is not a kind of check.*"
refused bad-moment 13 "~nowhere is not an IPv4 address.*"
refused bad-when 13 "~nets is not a kind of check.*"
refused check-too-short 12 "~addr needs NS DEV CIDR.*"
refused binary 1 "not UTF-8 text"
refused nul 9 "not UTF-8 text"
refused latin1 9 "not UTF-8 text"
refused overlong-utf8 9 "not UTF-8 text"
refused control-char 11 "a control character: expected text"
refused empty 1 "the file is empty: expected 'lesson: empty' first"
refused comments-only 3 "no 'lesson:' line: expected 'lesson: comments-only' first"
refused lesson-not-first 1 "expected 'lesson: lesson-not-first' first"
refused wrong-name 1 "the lesson is named 'bridge' but its file is wrong-name.lesson: expected 'lesson: wrong-name'"
refused dup-lesson 5 "'lesson:' is given twice: only one (the first is on line 1)"
refused step-field-in-head 5 "'check:' belongs in a step: expected 'step: ID' before it"
refused head-field-in-step 12 "'setup:' belongs in the lesson's head, before the first 'step:'"
refused when-without-hint 13 "'when:' must be followed by its 'hint:'"
refused when-at-end 16 "'when:' must be followed by its 'hint:'"
refused ko-without-en 9 "'text.ko:' must follow the 'text:' it translates"
refused ko-not-after 9 "'title.ko:' must follow the 'title:' it translates"
refused dup-title 9 "'title:' is given twice: only one (the first is on line 7)"
refused dup-title-ko 4 "'title.ko:' is given twice: only one (the first is on line 3)"
refused dup-source 5 "'source:' is given twice: only one (the first is on line 4)"
refused dup-hint-ko 16 "'hint.ko:' is given twice: only one for each 'hint:'"
refused two-fallbacks 18 "the step already has a fallback 'hint:' (line 16): expected a 'when:' before this one"
refused empty-value 11 "'try:' has no value: expected text after it"
refused no-colon 12 "expected 'key: value'"
refused no-steps 4 "the lesson has no 'step:': expected at least one"
refused step-no-title 6 "step 'one' has no 'title:': expected one"
refused lesson-no-title 1 "the lesson has no 'title:': expected one in its head"
refused long-line 9 "the line is longer than 4096 bytes: expected a shorter one"

# the one that only lacks Korean text loads, and says what it lacks
tested[missing-korean]=1
out=$("$drive" "$dir/missing-korean.lesson" 2>&1)
ok $? "missing-korean: loads"
is "$out" "ok missing-korean: 2 steps, 3 warnings
warning: $dir/missing-korean.lesson:18: step two has no Korean title
warning: $dir/missing-korean.lesson:19: step two has no Korean text
warning: $dir/missing-korean.lesson:23: step two has a hint with no Korean text" \
	"missing-korean: each warning names its line and the step"

# every file there has its expectation above
untested=
for f in "$dir"/*.lesson; do
	name=$(basename "$f" .lesson)
	[ -n "${tested[$name]:-}" ] || untested="$untested $name"
done
is "$untested" "" "every file in tests/lessons-bad is tested"
ok $(( ${#tested[@]} < 20 )) "at least 20 malformed lessons (${#tested[@]})"

# the limits, at their edges: 1 MiB and 4096-byte lines
good_head() { # NAME: a lesson that loads, without its last newline
	printf 'lesson: %s\ntitle: T\ntitle.ko: T\nstep: s\ntitle: S\ntitle.ko: S\ncheck: netns RED' "$1"
}
fill_to() { # FILE BYTES: pads FILE with comment lines to exactly BYTES
	local size n line
	printf '\n' >>"$1"
	size=$(stat -c %s "$1")
	n=$((($2 - size - 2) / 1000))
	line="#$(head -c 998 /dev/zero | tr '\0' x)"
	yes "$line" | head -n "$n" >>"$1"
	printf '#%s\n' "$(head -c $(($2 - size - n * 1000 - 2)) /dev/zero | tr '\0' x)" >>"$1"
}
f="$TEST_TMP/mib.lesson"
good_head mib >"$f"
fill_to "$f" 1048576
is "$(stat -c %s "$f")" 1048576 "a lesson of exactly 1 MiB is made"
out=$("$drive" "$f" 2>&1)
ok $? "a lesson of exactly 1 MiB loads ($out)"
f2="$TEST_TMP/big.lesson"
{ cat "$f"; echo "# one byte too many"; } >"$f2"
line=$(($(head -c 1048576 "$f2" | tr -cd '\n' | wc -c) + 1))
out=$("$drive" "$f2" 2>&1)
is "$out" "$f2:$line: the file is larger than 1 MiB: expected a smaller lesson" \
	"a lesson over 1 MiB is refused where it crosses 1 MiB"
f="$TEST_TMP/line.lesson"
{ good_head line; printf '\n#%s\n' "$(head -c 4095 /dev/zero | tr '\0' x)"; } >"$f"
out=$("$drive" "$f" 2>&1)
ok $? "a line of 4096 bytes is fine"
{ good_head line; printf '\n#%s\n' "$(head -c 4096 /dev/zero | tr '\0' x)"; } >"$f"
out=$("$drive" "$f" 2>&1)
is "$out" "$f:8: the line is longer than 4096 bytes: expected a shorter one" \
	"a line of 4097 bytes is not"
out=$("$drive" "$dir" 2>&1)
is "$out" "$dir: Is a directory" "a directory is not a lesson, and says so"

# the errors are the learner's language
mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
ok $? "po/ko.po compiles"
out=$(NSTUTOR_LOCALEDIR="$TEST_TMP/locale" LC_ALL=C.UTF-8 LANGUAGE=ko \
	"$drive" "$dir/unknown-key.lesson" 2>&1)
like "$out" "unknown-key\.lesson:12: 알 수 없는 키 'colour'" "in Korean, with LANGUAGE=ko"
out=$(NSTUTOR_LOCALEDIR="$TEST_TMP/locale" LC_ALL=C.UTF-8 LANGUAGE=ko \
	"$drive" "$dir/missing-korean.lesson" 2>&1)
like "$out" "missing-korean\.lesson:18: 단계 two에 한국어 제목" "and the warnings too"

# the shipped lessons load, in both languages, and are found by name
export NSTUTOR_LESSONS=$top_srcdir/lessons
shipped=$(cd "$NSTUTOR_LESSONS" && ls -- *.lesson 2>/dev/null | sed 's/\.lesson$//')
for name in $shipped; do
	out=$("$drive" "$NSTUTOR_LESSONS/$name.lesson" 2>&1)
	like "$out" "^ok $name: [1-9][0-9]* steps, 0 warnings\$" "lessons/$name.lesson loads, with all its Korean"
done
if [ -n "$shipped" ]; then
	out=$(HOME="$TEST_TMP" XDG_DATA_HOME='' "$drive" -f "$(echo "$shipped" | head -1)" 2>&1)
	like "$out" "^ok " "a shipped lesson is found by name through \$NSTUTOR_LESSONS"
	is "$(HOME="$TEST_TMP" XDG_DATA_HOME='' "$drive" -n)" "$shipped" "lesson_names lists the shipped lessons"
fi
out=$(HOME="$TEST_TMP" XDG_DATA_HOME='' "$drive" -f no-such-lesson 2>&1)
like "$out" "^no lesson 'no-such-lesson' \(looked in .*\)\$" "no such lesson: it says where it looked"

# nstutor itself: exit 2 with the same error, never a crash
for f in "$dir"/*.lesson; do
	name=$(basename "$f" .lesson)
	[ "$name" = missing-korean ] && continue
	want=$("$drive" "$f" 2>&1)
	nstutor_ --plain --lessons "$dir" --check "$name" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	is "$rc:$(head -1 "$TEST_TMP/err")" "2:nstutor: $want" "nstutor --check $name: exit 2, and the error"
done
nstutor_ --plain --lessons "$dir" --check missing-korean >"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "nstutor --check missing-korean grades it (and an empty world fails it)"
is "$(cat "$TEST_TMP/err")" "nstutor: warning: $dir/missing-korean.lesson:18: step two has no Korean title
nstutor: warning: $dir/missing-korean.lesson:19: step two has no Korean text
nstutor: warning: $dir/missing-korean.lesson:23: step two has a hint with no Korean text" \
	"nstutor --check missing-korean warns, naming each line and the step"

done_testing
