#!/bin/bash
# lang.sh: messages follow --lang and LANG, in Korean from po/ko.po.
. "${top_srcdir:-.}/tests/lib.sh"

mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
ok $? "po/ko.po compiles"
export NSTUTOR_LOCALEDIR="$TEST_TMP/locale"

err=$("$NSTUTOR" --world=host --lang=ko -c 'no-such-command' 2>&1)
like "$err" '명령을 찾을 수 없습니다' "--lang=ko: the error is in Korean"
like "$err" '^도움말: ' "--lang=ko: so is the hint"
err=$(LC_ALL= LANGUAGE= LANG=ko_KR.UTF-8 "$NSTUTOR" --world=host -c 'no-such-command' 2>&1)
like "$err" '명령을 찾을 수 없습니다' "LANG=ko_KR.UTF-8 is followed even without that locale installed"
err=$("$NSTUTOR" --world=host -c 'no-such-command' 2>&1)
like "$err" 'command not found' "the C locale speaks English"
out=$("$NSTUTOR" --lang=ko --help)
like "$out" '^사용법: nstutor' "--help is translated"
err=$("$NSTUTOR" --world=host --lang=ko -c 'ip link set nosuchdev up' 2>&1)
like "$err" '^Cannot find device "nosuchdev"' "the real tool's own words stay as the tool prints them"
like "$err" '도움말: .*nosuchdev' "and the hint after them is Korean"
like "$out" 'topology        실습망을 그립니다' "--help names topology, in Korean"
out=$("$NSTUTOR" --world=host --lang=ko --plain topology --utf8 2>&1)
like "$out" 'ip_forward 0 · FORWARD 정책 ACCEPT' "topology's words are Korean, the kernel's words stay"
err=$("$NSTUTOR" --world=host --lang=ko topology --bad 2>&1)
like "$err" 'topology: 알 수 없는 옵션 "--bad"' "topology's errors are Korean"
done_testing
