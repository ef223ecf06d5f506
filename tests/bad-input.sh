#!/bin/bash
# bad-input.sh: malformed and impossible commands across the whole shell,
# typed into a half-built lab.  Each must fail with exit status 1, say
# what the real tool says (iproute2 6.1, iputils, procps), add a plain
# hint, never crash, and leave the world exactly as it was.  Then -f stops
# at the first failing line and names it, -k goes on, and the exit
# statuses are 0, 1 and 2 as the issue says.
#
# BAD_INPUT_ORACLE=1 also runs each command with the real tools and notes
# (as a diag) where they no longer print what this file expects.
. "${top_srcdir:-.}/tests/lib.sh"

# The half-built lab, made with the real ip.  IPv6 is off so that nothing
# (DAD, link-local routes) changes by itself while the test looks.
for ns in RED BLUE; do ip netns add "$ns"; done
for ns in host RED BLUE; do
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done
ip link add veth0 type veth peer name veth1
ip link add reth0 netns RED type veth peer name reth1
ip link add br0 type bridge
ip link set reth1 master br0
ip -n RED link set reth0 up
ip -n RED addr add 11.11.11.2/24 dev reth0

# state: world_state without the bridge's running timers.
state() {
	world_state | grep -vE '"[a-z_]+_timer": '
}

san_re='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:'

# try CMD: runs CMD in nstutor (--plain, then with hints); checks the exit
# status, that no sanitizer spoke, the hint, and that nothing changed.
# Leaves the --plain stderr in $TEST_TMP/err.  The state after one command
# is the state before the next (world_state is slow).
world_now=$(state)
try() {
	local cmd=$1 before=$world_now after rc
	label=${cmd:0:60}
	[ ${#cmd} -gt 60 ] && label="$label... (${#cmd} characters)"
	timeout 30 "$NSTUTOR" --world=host --plain -c "$cmd" >"$TEST_TMP/out" \
		2>"$TEST_TMP/err"
	rc=$? # 124: it hung
	timeout 30 "$NSTUTOR" --world=host -c "$cmd" >/dev/null 2>"$TEST_TMP/err-hint"
	after=$(state)
	world_now=$after
	if grep -qE "$san_re" "$TEST_TMP/err" "$TEST_TMP/err-hint"; then
		rc="$rc, and a sanitizer report"
	fi
	is "$rc" 1 "$label: exit status 1, no crash"
	grep -q '^hint: ' "$TEST_TMP/err-hint"
	ok $? "$label: a plain-words hint follows the error"
	is "$after" "$before" "$label: the world is unchanged"
	oracle "$cmd"
}

# oracle CMD: with BAD_INPUT_ORACLE=1, what the real tools print for CMD.
oracle() {
	local real
	[ "${BAD_INPUT_ORACLE:-}" = 1 ] || return 0
	real=$(bash -c "$1" 2>&1 >/dev/null | head -1)
	diag "real: ${real:0:200}"
}

# bad CMD MESSAGE: nstutor's first stderr line is exactly MESSAGE.
bad() {
	try "$1"
	is "$(head -1 "$TEST_TMP/err")" "$2" "$label: says: ${2:0:70}"
}

# bad_re CMD ERE: one line of nstutor's stderr matches ERE.
bad_re() {
	local found
	try "$1"
	grep -qE -- "$2" "$TEST_TMP/err"
	found=$?
	ok $found "$label: says /${2:0:70}/"
	[ $found = 0 ] || sed 's/^/#   got: /' "$TEST_TMP/err" | cut -c1-200 | head -5
}

# --- names and numbers out of range ---------------------------------------
too_long='^Error: (Attribute failed policy validation\.|argument "[^"]+" is wrong: "name" not a valid ifname)$'
bad_re 'ip link add abcdefghijklmnop type bridge' "$too_long"
bad_re 'ip link add 빨강빨강빨x type bridge' "$too_long"
bad 'ip link add veth2 type veth peer name abcdefghijklmnop' \
	'Error: argument "abcdefghijklmnop" is wrong: "name" not a valid ifname'
bad 'ip link set veth0 name abcdefghijklmnopq' \
	'Error: argument "abcdefghijklmnopq" is wrong: "name" not a valid ifname'
long_ns=$(printf 'N%.0s' {1..300})
bad "ip netns add $long_ns" "Invalid netns name \"$long_ns\""
bad 'ip netns add a/b' 'Invalid netns name "a/b"'
bad 'ip netns add ..' 'Invalid netns name ".."'
bad 'ip addr add 11.11.11.4/33 dev veth1' \
	'Error: any valid prefix is expected rather than "11.11.11.4/33".'
bad 'ip addr add 999.1.1.1/24 dev veth1' \
	'Error: any valid prefix is expected rather than "999.1.1.1/24".'
bad 'ip route add 10.1.0.0/33 dev veth1' \
	'Error: any valid prefix is expected rather than "10.1.0.0/33".'
bad 'ip route add 10.3.0.0/16 via 999.1.1.1' \
	'Error: inet address is expected rather than "999.1.1.1".'
bad 'ip route get 999.1.1.1' \
	'Error: any valid prefix is expected rather than "999.1.1.1".'
bad 'ip link set veth0 mtu abc' 'Error: argument "abc" is wrong: Invalid "mtu" value'
bad 'ip link set veth0 mtu 10' 'Error: mtu less than device minimum.'
bad 'ip link set veth0 address zz:zz' '"zz" is invalid lladdr.'
bad 'ip link set veth0 mtu -5' 'Error: argument "-5" is wrong: Invalid "mtu" value'
bad 'ip link set veth0 txqlen -5' 'Error: argument "-5" is wrong: Invalid "txqueuelen" value'
bad 'ip link set veth0 netns 4294967297' \
	'Error: argument "4294967297" is wrong: Invalid "netns" value'
# the kernel moves a link before it looks at the rest: nothing may move
bad 'ip link set veth0 netns RED master br0' 'RTNETLINK answers: Invalid argument'
bad 'ip link set veth0 netns RED address 01:00:00:00:00:01' \
	'RTNETLINK answers: Cannot assign requested address'
# only net.* keys belong to the lab; writing back the value it has
# keeps the machine as it is even if the refusal were missing
domain=$(cat /proc/sys/kernel/domainname)
bad "sysctl -w kernel.domainname=$domain" \
	'sysctl: permission denied on key "kernel.domainname"'
bad 'ip neigh add 11.11.11.9 lladdr zz dev veth1' '"zz" is invalid lladdr.'

# --- namespaces and devices that are not there ----------------------------
bad 'ip netns exec NOPE ip link' \
	'Cannot open network namespace "NOPE": No such file or directory'
bad 'ip -n NOPE link' \
	'Cannot open network namespace "NOPE": No such file or directory'
bad 'ip netns del NOPE' \
	'Cannot remove namespace file "/run/netns/NOPE": No such file or directory'
bad 'ip link set veth0 netns NOPE' \
	'Error: argument "NOPE" is wrong: Invalid "netns" value'
bad 'ip link add reth2 netns NOPE type veth peer name reth3' \
	'Error: argument "NOPE" is wrong: Invalid "netns" value'
bad 'ip link set veth9 up' 'Cannot find device "veth9"'
bad 'ip link del veth9' 'Cannot find device "veth9"'
bad 'ip netns exec RED ip link set veth1 up' 'Cannot find device "veth1"'
bad 'ip addr show dev nope' 'Device "nope" does not exist.'
bad 'ip -n RED link set veth1 up' 'Cannot find device "veth1"'
bad 'ip link set 빨강 up' 'Cannot find device "빨강"'
bad 'ip link set "" up' 'Error: argument "" is wrong: "dev" not a valid ifname'
bad 'ip -n RED route add 10.0.0.0/8 via 11.11.11.99 dev nope' \
	'Cannot find device "nope"'
bad 'ip neigh add 11.11.11.9 lladdr 00:11:22:33:44:55 dev nope' \
	'Cannot find device "nope"'
bad 'ip route add 10.2.0.0/16 via 11.11.11.1 dev nope' 'Cannot find device "nope"'
bad 'ip link set veth0 master nope' \
	'Error: argument "nope" is wrong: Device does not exist'
bad 'bridge fdb show br nope' 'Cannot find bridge device "nope"'
bad 'sysctl net.ipv4.nope' \
	'sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory'

# --- things that already exist, or cannot be -----------------------------
bad 'ip link add br0 type bridge' 'RTNETLINK answers: File exists'
bad 'ip link add veth1 type veth peer name veth7' 'RTNETLINK answers: File exists'
bad 'ip link add veth5 type veth peer name veth5' 'RTNETLINK answers: File exists'
bad 'ip link add veth9 netns BLUE type veth peer name reth1' \
	'RTNETLINK answers: File exists'
bad 'ip netns add RED' 'Cannot create namespace file "/run/netns/RED": File exists'
bad 'ip -n RED addr add 11.11.11.2/24 dev reth0' 'Error: ipv4: Address already assigned.'
bad 'ip addr del 11.11.11.9/24 dev veth1' 'Error: ipv4: Address not found.'
bad 'ip route add default via 10.9.9.9' 'Error: Nexthop has invalid gateway.'
bad 'ip route add 10.0.0.0/8 via 11.11.11.99 dev veth0' \
	'Error: Nexthop has invalid gateway.'
bad 'ip netns exec BLUE ping -c 1 -W 1 11.11.11.3' \
	'ping: connect: Network is unreachable'
bad 'ip route del 10.55.0.0/16' 'RTNETLINK answers: No such process'
bad 'ip neigh del 11.11.11.77 dev veth1' 'RTNETLINK answers: No such file or directory'
bad 'ip neigh add 11.11.11.9 dev veth1' 'Error: No link layer address given.'
bad 'ip link set lo netns RED' 'Error: The interface netns is immutable.'
bad 'ip link set veth0 master veth1' 'RTNETLINK answers: Operation not supported'
bad 'ip link add veth7 type wobble' 'Error: Unknown device type.'
bad 'sysctl -w net.ipv4.ip_forward=abc' \
	'sysctl: setting key "net.ipv4.ip_forward": Invalid argument'

# --- words missing, in the wrong order, or unknown ------------------------
incomplete='Command line is not complete. Try option "help"'
bad 'ip link veth0 set up' 'Command "veth0" is unknown, try "ip link help".'
bad 'ip link add br1 type bridge extra' 'bridge: unknown command "extra"?'
bad 'ip link add name type bridge' \
	'both "name" and "dev" cannot be used when creating devices.'
bad 'ip link set dev veth0 netns RED netns BLUE' \
	'Error: duplicate "netns": "BLUE" is the second value.'
bad 'ip addr add 11.11.11.5/24 dev veth1 extra' \
	'Error: either "local" is duplicate, or "extra" is a garbage.'
bad 'ip addr add 10.0.0.1/24' 'Not enough information: "dev" argument is required.'
bad 'ip link set veth0 master' "$incomplete"
bad 'ip link set veth0 netns' "$incomplete"
bad 'ip link add veth8 type veth peer name' "$incomplete"
bad 'ip netns exec' 'No netns name specified'
bad 'ip netns exec RED' 'No command specified'
bad 'ip netns exec RED nosuchprog' \
	'exec of "nosuchprog" failed: No such file or directory'
bad 'ip frob' 'Object "frob" is unknown, try "ip help".'
bad 'ip link frob' 'Command "frob" is unknown, try "ip link help".'
bad 'bridge fdb frob' 'Command "frob" is unknown, try "bridge fdb help".'
bad_re 'ip' '^Usage: ip '
bad 'ping' 'ping: usage error: Destination address required'
bad 'ping -c abc 1.2.3.4' "ping: invalid argument: 'abc'"
bad 'ping -c 0 11.11.11.3' \
	"ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807"
bad 'sysctl -w nope' 'sysctl: command line(0): invalid syntax, continuing...'

# --- the shell's own: unknown commands, quotes, very long lines -----------
bad_re 'ipp link show' '(^|: )ipp: command not found$'
bad_re 'ip link set "veth0 up' 'unterminated quote'
bad_re "ip link set veth0 up \\" 'backslash'
x9980=$(printf 'x%.0s' {1..9980})
bad_re "ip link set $x9980 up" \
	"^(Cannot find device \"x+\"|Error: argument \"x+\" is wrong: \"dev\" not a valid ifname)\$"
frobs=$(printf ' frob%.0s' {1..2000})
bad "ip$frobs" 'Object "frob" is unknown, try "ip help".'

# --- scripts: -f stops at the first failing line and names it; -k goes on -
cat >"$TEST_TMP/lab.nst" <<'EOF'
# the first line is a comment
help
ip link set veth9 up
ip netns add GREEN
EOF
before=$world_now
"$NSTUTOR" --world=host --plain -f "$TEST_TMP/lab.nst" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "-f: a failing line makes the exit status 1"
grep -qF "$TEST_TMP/lab.nst:3" "$TEST_TMP/err"
ok $? "-f: names the failing line as FILE:3"
is "$(head -1 "$TEST_TMP/err")" 'Cannot find device "veth9"' \
	"-f: the failing line's own error comes first"
is "$(state)" "$before" "-f: stops there; the line after it never ran"

"$NSTUTOR" --world=host --plain -k -f "$TEST_TMP/lab.nst" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "-k -f: still exit status 1"
ip netns list | grep -q '^GREEN'
ok $? "-k: goes on and runs the line after the failing one"
ip netns del GREEN 2>/dev/null

x100k=$(printf 'x%.0s' {1..100000})
printf 'help\nip link show dev %s\nhelp\n' "$x100k" >"$TEST_TMP/long.nst"
"$NSTUTOR" --world=host --plain -f "$TEST_TMP/long.nst" >/dev/null 2>"$TEST_TMP/err"
rc=$?
grep -qE "$san_re" "$TEST_TMP/err" && rc="$rc, and a sanitizer report"
is "$rc" 1 "-f: a 100 000-character line fails cleanly"
grep -qF "$TEST_TMP/long.nst:2" "$TEST_TMP/err"
ok $? "-f: and is named as FILE:2"

printf 'ip link set veth9 up\nip netns add GREEN\n' |
	"$NSTUTOR" --world=host --plain >/dev/null 2>&1
is "$?" 1 "stdin: a failing command makes the exit status 1"
ip netns list | grep -q '^GREEN'
ok $? "stdin: goes on after a failing command"
ip netns del GREEN 2>/dev/null

# --- exit statuses --------------------------------------------------------
"$NSTUTOR" --world=host --plain -c help -c 'ip netns list' >/dev/null 2>&1
is "$?" 0 "every command succeeded: exit status 0"
"$NSTUTOR" --world=host --plain -c help -c 'ip link set veth9 up' >/dev/null 2>&1
is "$?" 1 "one command failed: exit status 1"
"$NSTUTOR" --world=host --plain -c 'ip link set veth9 up' -c 'ip netns add GREEN' \
	>/dev/null 2>&1
ip netns list | grep -q '^GREEN'
is "$?" 1 "-c: stops at the first failing command"
ip netns del GREEN 2>/dev/null
"$NSTUTOR" --world=host --plain -c help -f "$TEST_TMP/lab.nst" >/dev/null 2>&1
is "$?" 2 "-c with -f is a usage error: exit status 2"
"$NSTUTOR" --world=host --frobnicate >/dev/null 2>&1
is "$?" 2 "an unknown option: exit status 2"
"$NSTUTOR" --world=host -c >/dev/null 2>&1
is "$?" 2 "-c without its command: exit status 2"
"$NSTUTOR" --world=host --plain -f "$TEST_TMP/no-such-file.nst" >/dev/null \
	2>"$TEST_TMP/err"
rc=$?
ok $((!(rc == 1 || rc == 2))) "a missing -f file fails cleanly (exit status $rc)"
grep -qF "no-such-file.nst" "$TEST_TMP/err"
ok $? "and names the file"

done_testing
