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
# ---- a particle after a name follows the name's sound (src/particle.c) ----
names=(-c 'ip link show reth1' -c 'ip netns add RED' -c 'ip netns add RED'
	-c 'ip link add veth0 type veth peer name reth1'
	-c 'ip link set veth0 netns RED' -c 'ping -c 1 11.11.11.3'
	-c 'ip addr add 11.11.11.1/24 dev reth1' -c 'ip link set reth1 up'
	-c 'ip route get 11.11.11.3')
en=$("$NSTUTOR" --world=host -k "${names[@]}" -c 'ip link del reth1' \
	-c 'ip netns del RED' 2>&1)
like "$en" 'hint: There is no reth1 here; "ip link" lists' "English: no reth1"
like "$en" 'hint: RED is there already;' "English: RED is there"
like "$en" '# veth0 and reth1 are the two ends of one virtual cable' "English: a veth pair"
like "$en" 'a packet for 11.11.11.3 would leave through reth1,' "English: a route"
printf '%s' "$en" | LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]'
ok $((!$?)) "English output has no Korean in it"
ko=$("$NSTUTOR" --world=host --lang=ko -k "${names[@]}" 2>&1)
like "$ko" '도움말: 여기에는 reth1이 없습니다\.' "reth1 (…일) takes 이"
like "$ko" '도움말: RED는 이미 있습니다\.' "RED (레드) takes 는"
like "$ko" '# veth0과 reth1은 가상 케이블' "veth0 (…영) takes 과, reth1 은"
like "$ko" '# veth0은 이제 네임스페이스 RED에' "veth0 takes 은"
like "$ko" '# veth0을 host에서 RED로 옮김' "and 을, RED 로 (a change line)"
like "$ko" '11\.11\.11\.3으로 가는 경로가 없습니다' "11.11.11.3 (…삼) takes 으로"
like "$ko" '# reth1이 켜졌습니다' "reth1 takes 이"
like "$ko" '# 11\.11\.11\.3으로 가는 패킷은 reth1로 나가' "but reth1 (ㄹ) takes 로, not 으로"
printf '%s' "$ko" | grep -qE '\((는|은|가|이|를|을|과|와|으)\)'
ok $((!$?)) "no double form is left in what nstutor prints"
done_testing
