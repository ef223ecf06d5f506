#!/bin/bash
# sysctl.sh: nstutor's sysctl reads and writes /proc/sys of the namespace
# the command is about (and no other), prints what procps 4 prints, and
# answers bad input with procps's words.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/bridge-lab.sh"

ip netns add RED && ip netns add BLUE
ok $? "namespaces RED and BLUE"
key=net.ipv4.ip_forward
value() { in_ns "$1" sysctl -n "$2"; } # the real sysctl, in namespace $1

# Reading: the same as the real sysctl, in the same namespace.
is "$(nst -c "sysctl $key")" "$(sysctl $key)" "sysctl KEY in the host"
is "$(nst -c "sysctl -n $key")" "$(sysctl -n $key)" "sysctl -n KEY"
is "$(nst -c 'sysctl net/ipv4/ip_forward')" "$(sysctl net/ipv4/ip_forward)" "a key with slashes"
is "$(nst -c "sysctl $key -n")" "$(sysctl $key -n)" "an option after the key"
is "$(nst -c "sysctl --values $key")" "$(sysctl --values $key)" "a long option"
is "$(nst -c "sysctl -N $key")" "$(sysctl -N $key)" "sysctl -N"
is "$(nst -c 'sysctl net.ipv4.conf.all.forwarding net.ipv4.ping_group_range')" \
	"$(sysctl net.ipv4.conf.all.forwarding net.ipv4.ping_group_range)" "two keys, a tab in a value"
is "$(nst -c 'sysctl net.ipv4.conf.lo')" "$(sysctl net.ipv4.conf.lo)" "a directory lists its keys"
is "$(nst -c 'ip netns exec RED sysctl net.ipv4.neigh.lo')" \
	"$(in_ns RED sysctl net.ipv4.neigh.lo)" "ip netns exec RED sysctl DIR"
is "$(nst -c 'sysctl net.bridge.bridge-nf-call-iptables' 2>&1)" \
	"$(sysctl net.bridge.bridge-nf-call-iptables 2>&1)" "net.bridge.bridge-nf-call-iptables"

# Writing happens in that namespace only.
out=$(nst -c "ip netns exec RED sysctl -w $key=1")
ok $? "ip netns exec RED sysctl -w $key=1 succeeds"
is "$out" "$key = 1" "and prints what procps prints"
is "$(value RED $key)" 1 "RED now forwards (the real sysctl in RED says so)"
is "$(value host $key)" 0 "the host does not"
is "$(value BLUE $key)" 0 "nor does BLUE"
is "$(nst -c 'enter BLUE' -c "sysctl $key=1")" "$key = 1" "KEY=VALUE without -w, after enter BLUE"
is "$(value BLUE $key)" 1 "BLUE forwards now"
is "$(nst -c "ip netns exec RED sysctl $key")" "$(in_ns RED sysctl $key)" \
	"reading in RED matches the real sysctl in RED"
is "$(nst -c 'enter RED' -c "sysctl -w net/ipv4/conf/all/forwarding=0")" \
	"net.ipv4.conf.all.forwarding = 0" "a slashed key prints dotted"
is "$(value RED $key)" 0 "conf.all.forwarding=0 switched RED's ip_forward off too"
is "$(nst -c "ip netns exec RED sysctl -q -w $key=1")" "" "-q prints nothing"
is "$(value RED $key)" 1 "but writes"
is "$(nst -c "ip netns exec RED sysctl -n -w $key=0")" 0 "-n -w prints the value"
is "$(nst -c "ip netns exec RED sysctl -w ' $key = 1 '")" "$key = 1" "spaces around = are dropped"
out=$(nst -c 'ip netns exec RED sysctl -w net.ipv4.ping_group_range="0 2147483647"')
is "$out" "net.ipv4.ping_group_range = 0 2147483647" "a value with a space"
is "$(value RED net.ipv4.ping_group_range)" "$(printf '0\t2147483647')" "is written whole"
like "$("$NSTUTOR" --world=host -c "ip netns exec BLUE sysctl -w $key=0")" \
	"^# Only namespace BLUE sees this value" "without --plain, a note says whose value it is"

# Bad input: procps's message, a non-zero status, nothing changed.
snapshot() {
	local ns
	for ns in host RED BLUE; do in_ns $ns sysctl net.ipv4 2>/dev/null | md5sum; done
	lab_state
}
before=$(snapshot)
# bad DESC WORDS: "sysctl WORDS" in RED fails with the real sysctl's words.
bad() { fails_as_real "$1" "procps's" RED "sysctl $2"; }
bad "no such key" "net.ipv4.ip_forwarx"
bad "no such key to write" "-w net.ipv4.ip_forwarx=1"
bad "-w without =" "-w $key"
bad "a value the kernel refuses" "-w $key=abc"
bad "an empty value" "-w $key="
bad "an empty key" "-w =1"
bad "a key leading out of /proc/sys" "net/../../../etc/passwd"
bad "writing out of /proc/sys" "-w net/../../../tmp/nstutor-x=1"
bad "a read-only key" "-w net.ipv4.tcp_available_congestion_control=reno"
bad "no key at all" "-w"
bad "a directory as a key to write" "-w net.ipv4.conf=1"
[ ! -e /tmp/nstutor-x ]
ok $? "no file was written outside /proc/sys"
nst -c 'sysctl' >/dev/null 2>"$TEST_TMP/err"
ok $((! $?)) "sysctl alone fails"
like "$(cat "$TEST_TMP/err")" '^ sysctl \[options\] \[variable\[=value\] \.\.\.\]' "with procps's usage"
fails "-p (settings files) is refused" 'sysctl -p'
fails "a missing namespace fails" 'ip netns exec NOPE sysctl net.ipv4.ip_forward'
is "$(snapshot)" "$before" "bad input changed nothing"

done_testing
