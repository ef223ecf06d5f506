#!/bin/bash
# shell-idioms.sh: the tutorials' shell lines typed into nstutor (-c and
# -f): "sudo CMD" runs CMD as typed (and "sudo -Es", "sudo su" have
# nothing to do), "ls /var/run/netns" lists the namespaces as ls does,
# "nsenter --net=/var/run/netns/RED" enters RED (and with a command runs
# it there), "exit" inside a namespace goes back to the host and at the
# top ends the script; "clear" writes nothing when not on a terminal.
. "${top_srcdir:-.}/tests/lib.sh"
need_tools ip iptables-nft jq
need_nf_tables

# --- sudo ---------------------------------------------------------------------
nst -c 'sudo ip netns add RED'
ok $? "sudo ip netns add RED succeeds"
ip netns list | grep -qx RED
ok $? "and the real ip sees RED"
out=$(nstutor_ -c 'sudo ip netns add BLUE' -c 'sudo ip link add veth0 type veth peer name reth0 netns RED')
ip -n RED link show reth0 >/dev/null 2>&1 && ip netns list | grep -qx BLUE
ok $? "sudo ip netns add / sudo ip link add ... netns RED act"
is "$(printf '%s\n' "$out" | grep -c 'sudo is not needed here')" 1 \
	"a note says sudo is not needed, once"
same() { is "$(nst -c "$1" 2>&1; echo "status $?")" "$(bash -c "$2" 2>&1; echo "status $?")" "$1: as $2"; }
same 'sudo ip netns exec RED ip link' 'ip netns exec RED ip link'
same 'sudo sysctl -w net.ipv4.ip_forward=1' 'sysctl -w net.ipv4.ip_forward=1'
is "$(cat /proc/sys/net/ipv4/ip_forward)" 1 "sudo sysctl -w set it"
nst -c 'sudo iptables -P FORWARD DROP'
like "$(iptables-nft -S FORWARD)" '^-P FORWARD DROP' "sudo iptables -P FORWARD DROP acts"
same 'sudo iptables -L | grep FORWARD' 'iptables-nft -L | grep FORWARD'
same 'sudo -E ip -br link' 'ip -br link'
same 'sudo -- ip -br link' 'ip -br link'
for line in 'sudo -Es' 'sudo -i' 'sudo su' 'sudo su -' 'sudo -s' 'sudo'; do
	out=$(nstutor_ -c "$line" 2>&1)
	rc=$?
	is "$rc" 0 "$line: status 0"
	like "$out" "already acts as root" "$line: a note says nstutor's shell acts as root"
	is "$(nst -c "$line" 2>&1)" "" "$line: nothing under --plain"
done
out=$(nst -c 'sudo apt-get update' 2>&1)
rc=$?
is "$out" "$(nst -c 'apt-get update' 2>&1)" "sudo PROGRAM: what PROGRAM alone says"
is "$rc" 1 "and fails"
nst -c 'sudo -u nobody ip a' >/dev/null 2>"$TEST_TMP/err"
ok $(($? == 0)) "sudo -u nobody fails"
like "$(cat "$TEST_TMP/err")" 'sudo: option -u is not supported here' "and says so"

# --- ls /var/run/netns ------------------------------------------------------------
ip netns add 10ns
ip netns add apple
for dir in /var/run/netns /run/netns /var/run/netns/ /run/netns//; do
	is "$(nst -c "ls $dir")" "$(ls "$dir")" "ls $dir: what ls prints"
done
is "$(nst -c 'ls -a /var/run/netns')" "$(ls -a /var/run/netns)" "ls -a /var/run/netns"
is "$(nst -c 'sudo ls /run/netns | grep -c .')" "$(ls /run/netns | grep -c .)" \
	"sudo ls /run/netns | grep -c ."
is "$(nst -c 'enter RED' -c 'ls /var/run/netns')" "$(ls /var/run/netns)" \
	"inside RED, ls /var/run/netns lists the same"
for line in 'ls /tmp' 'ls' 'ls -l /var/run/netns'; do
	nstutor_ -c "$line" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	ok $(($? == 0)) "$line: fails"
	is "$(cat "$TEST_TMP/out")" "" "$line: lists nothing"
	like "$(cat "$TEST_TMP/err")" '^ls: .*
hint: "shell" opens a real shell' "$line: says what it lists, and where ls works"
done

# --- nsenter --------------------------------------------------------------------------
same 'nsenter --net=/var/run/netns/RED ip -br link' 'ip netns exec RED ip -br link'
same 'nsenter --net=/run/netns/RED ip -br link' 'ip netns exec RED ip -br link'
same 'nsenter -n/run/netns/RED -- ip -br link' 'ip netns exec RED ip -br link'
same 'nsenter --net=/var/run/netns/RED ip netns identify' 'echo RED'
same 'nsenter --net=/var/run/netns/RED readlink /proc/self/ns/net' \
	'ip netns exec RED readlink /proc/self/ns/net'
is "$(nst -c 'nsenter --net=/var/run/netns/RED' -c 'ip netns identify')" RED \
	"nsenter --net=/var/run/netns/RED: the next commands act in RED"
like "$(nstutor_ -c 'nsenter --net=/var/run/netns/RED')" \
	'# Now inside RED, as after "enter RED"; "exit" goes back to the host.' \
	"and a note says so"
nst -c 'nsenter --net=/var/run/netns/NOPE' >/dev/null 2>"$TEST_TMP/err"
ok $(($? == 0)) "nsenter into a namespace that is not there fails"
real=$(nsenter --net=/var/run/netns/NOPE true 2>&1)
is "$(head -1 "$TEST_TMP/err")" "$real" "with nsenter's own words"
nstutor_ -c 'nsenter --net=/run/netns/NOPE' 2>&1 >/dev/null |
	grep -q '^hint: There is no namespace NOPE'
ok $? "and a hint"
for line in 'nsenter -t 1 -n' 'nsenter --net=/proc/1/ns/net' 'nsenter -m --net=/run/netns/RED' 'nsenter'; do
	nstutor_ -c "$line" >/dev/null 2>"$TEST_TMP/err"
	ok $(($? == 0)) "$line: fails"
	like "$(cat "$TEST_TMP/err")" '^nsenter: nstutor enters network namespaces only' \
		"$line: says what nstutor's nsenter takes"
done

# --- exit -------------------------------------------------------------------------------
out=$(nstutor_ -c 'enter RED' -c 'exit' -c 'ip netns identify' -c 'ip netns add AFTER' 2>&1)
rc=$?
like "$out" '# Back in the host namespace: exit left RED' "exit inside RED says it went back"
is "$rc" 0 "and the script goes on"
ip netns list | grep -qx AFTER
ok $? "(the command after it ran)"
is "$(nst -c 'nsenter --net=/var/run/netns/RED' -c exit -c 'ip netns identify')" "" \
	"after nsenter and exit, commands act in the host again"
nst_script <<'EOF'
enter BLUE
exit
ip netns add SCRIPT1
exit
ip netns add SCRIPT2
EOF
rc=$?
is "$rc" 0 "-f: exit at the top ends the script with status 0"
ip netns list | grep -qx SCRIPT1
ok $? "-f: exit inside BLUE went on with the script"
ip netns list | grep -qx SCRIPT2
ok $((! $?)) "-f: nothing after the top-level exit ran"
nst -c 'exit' -c 'ip netns add NEVER'
ip netns list | grep -qx NEVER
ok $((! $?)) "-c: exit at the top ends the commands"
nst -c 'enter RED; exit; quit' -c 'ip netns add NEVER2'
ip netns list | grep -qx NEVER2
ok $((! $?)) "quit always quits"

# --- clear (not a terminal here) --------------------------------------------------------
out=$(nst -c clear | od -c)
is "$out" "$(printf '' | od -c)" "clear writes nothing when stdout is not a terminal"
nst -c clear
ok $? "and succeeds"

done_testing
