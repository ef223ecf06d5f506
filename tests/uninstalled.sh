#!/bin/bash
# uninstalled.sh: the nstutor a newcomer runs — build/src/nstutor, from
# /, with no NSTUTOR_* variable — finds the source tree's lessons and the
# build's Korean messages by itself (src/datadirs.h); a copy away from
# the build tree (as an installed one) never looks at the build tree.
. "${top_srcdir:-.}/tests/lib.sh"

# As a newcomer meets it: none of the tests' variables, a home of its
# own, and root's default state directory on a tmpfs of this test's
# mount namespace (nothing of the machine's /run is used).
mount -t tmpfs nstutor-run /run || { echo "Bail out! no tmpfs on /run"; exit 1; }
mkdir -p "$TEST_TMP/home"
newcomer() { # newcomer BINARY ARGS...: from /, as a newcomer runs it
	(cd / && env -i PATH="$PATH" HOME="$TEST_TMP/home" TERM=dumb "$@")
}

shipped=$(cd "$top_srcdir/lessons" && ls -- *.lesson | sed 's/\.lesson$//' | sort | xargs)
is "$(echo "$shipped" | wc -w)" 6 "the source tree ships six lessons"

out=$(newcomer "$NSTUTOR" -c lessons 2>&1)
ok $? "lessons: exit 0"
listed=$(printf '%s\n' "$out" | awk 'NF >= 3 && $2 == "not" {print $1}' | sort | xargs)
is "$listed" "$shipped" "the uninstalled nstutor lists the six lessons: $listed"
unlike "$out" 'no lessons' "and never says there are none"
out=$(newcomer "$NSTUTOR" -c 'lesson bridge' -c 'lesson' 2>&1)
like "$out" 'RED and BLUE through a bridge' "lesson bridge starts the source tree's lesson"

out=$(newcomer "$NSTUTOR" --lang ko -c help 2>&1)
like "$out" '링크, 주소, 라우트' "--lang ko -c help: Korean from the build's catalogue"
out=$(newcomer env LANG=ko_KR.UTF-8 "$NSTUTOR" -c no-such-command 2>&1)
like "$out" '명령을 찾을 수 없습니다' "LANG=ko_KR.UTF-8: the error is Korean"
out=$(newcomer "$NSTUTOR" --lang ko -c lessons 2>&1)
like "$out" '브리지' "--lang ko -c lessons: the lesson titles in Korean"
like "$out" '^# "lesson ' "the note after them is there"
unlike "$out" 'starts one, or goes on' "and it comes from the catalogue, in Korean"
newcomer "$NSTUTOR" world stop >/dev/null 2>&1

landmark=$(dirname "$NSTUTOR")/nstutor.uninstalled
ok "$([ -f "$landmark" ]; echo $?)" "the build wrote $landmark"
srclessons=$(sed -n 's/^lessons=//p' "$landmark")
err=$(newcomer "$NSTUTOR" --world=host --check nosuch 2>&1)
like "$err" "$srclessons" "the uninstalled nstutor looks in $srclessons"

# A copy away from the build tree, as an installed nstutor: it looks in
# the installed directory only, never in the build tree.
mkdir -p "$TEST_TMP/away"
cp "$NSTUTOR" "$TEST_TMP/away/nstutor"
err=$(newcomer "$TEST_TMP/away/nstutor" --world=host --check nosuch 2>&1)
unlike "$err" "$srclessons" "a copy away from the build tree does not look there"
like "$err" 'share/nstutor/lessons' "it looks at the installed lessons directory"

# The landmark is trusted only as the build writes it.
mkdir -p "$TEST_TMP/linked"
cp "$NSTUTOR" "$TEST_TMP/linked/nstutor"
ln -s "$landmark" "$TEST_TMP/linked/nstutor.uninstalled"
err=$(newcomer "$TEST_TMP/linked/nstutor" --world=host --check nosuch 2>&1)
unlike "$err" "$srclessons" "a symbolic link in the landmark's place is not followed"
mkdir -p "$TEST_TMP/loose"
cp "$NSTUTOR" "$TEST_TMP/loose/nstutor"
cp "$landmark" "$TEST_TMP/loose/nstutor.uninstalled"
chmod 666 "$TEST_TMP/loose/nstutor.uninstalled"
err=$(newcomer "$TEST_TMP/loose/nstutor" --world=host --check nosuch 2>&1)
unlike "$err" "$srclessons" "a landmark that others may write is not trusted"
chmod 644 "$TEST_TMP/loose/nstutor.uninstalled"
err=$(newcomer "$TEST_TMP/loose/nstutor" --world=host --check nosuch 2>&1)
like "$err" "$srclessons" "the same landmark, as the build writes it, is followed"

done_testing
