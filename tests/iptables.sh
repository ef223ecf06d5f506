#!/bin/bash
# iptables.sh: the tutorials' iptables lines typed into nstutor make the
# rules the real iptables-nft then prints, and nstutor's -S and -L print
# exactly what iptables-nft prints, for rules made by nstutor and for
# rules made by the real iptables-nft; also inside a namespace.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v iptables-nft >/dev/null; then
	echo "1..0 # SKIP no iptables-nft to compare with"
	exit 0
fi

# same LISTING...: nstutor's "iptables LISTING" prints what the real
# iptables-nft prints, byte for byte, for each listing.
same() {
	local args want got
	for args in "$@"; do
		# shellcheck disable=SC2086
		want=$(iptables-nft $args 2>&1; echo "rc=$?")
		got=$(nst -c "iptables $args" 2>&1; echo "rc=$?")
		is "$got" "$want" "iptables $args: as iptables-nft prints it"
	done
}

# every listing the tests compare
same_all() {
	same "-S" "-t nat -S" "-L" "-L -n" "-L -v -n --line-numbers" \
		"-L -v" "-L -v -x -n" "-t nat -L -n -v" "-t nat -L" \
		"-S -v" "-nvL" "-L FORWARD" "-S NAVY" "-L NAVY --line-numbers"
}

# typed ARGS: nstutor's "iptables ARGS" succeeds.
typed() {
	nst -c "iptables $*" >"$TEST_TMP/out" 2>&1
	ok $? "iptables $* (typed into nstutor)"
	[ -s "$TEST_TMP/out" ] && sed 's/^/# /' "$TEST_TMP/out"
	true
}

diag "tutorial 000: the NAVY chain"
typed -N NAVY
typed -I FORWARD 1 -j NAVY
typed -A  NAVY -j RETURN
typed -I NAVY 1 -s 10.16.0.0/24 -d 10.16.0.0/24 -j ACCEPT
typed -I NAVY 2 -o br0 -j ACCEPT
diag "tutorial 003: the Docker trap and its fix"
typed -P FORWARD DROP
typed -t filter -A FORWARD -s 11.11.11.0/24 -j ACCEPT
diag "tutorial 002: MASQUERADE; 004: the port forward, typos corrected"
typed -t nat -A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE
typed -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 192.168.15.2:80

is "$(iptables-nft -S)" "-P INPUT ACCEPT
-P FORWARD DROP
-P OUTPUT ACCEPT
-N NAVY
-A FORWARD -j NAVY
-A FORWARD -s 11.11.11.0/24 -j ACCEPT
-A NAVY -s 10.16.0.0/24 -d 10.16.0.0/24 -j ACCEPT
-A NAVY -o br0 -j ACCEPT
-A NAVY -j RETURN" "iptables-nft -S shows the tutorial's filter rules"
is "$(iptables-nft -t nat -S)" "-P PREROUTING ACCEPT
-P INPUT ACCEPT
-P OUTPUT ACCEPT
-P POSTROUTING ACCEPT
-A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.15.2:80
-A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE" \
	"iptables-nft -t nat -S shows the tutorial's nat rules"
same_all
same "-t filter -L" "-L FORWARD 1" "-S FORWARD 2" "-L --line-numbers" \
	"-w -S" "-w 5 -L -n" "--list-rules" "--list FORWARD --numeric" \
	"--table nat --list-rules" "-vnxL --line"

diag "the lines of the tutorials' listings"
out=$(nst -c 'iptables -L' | grep FORWARD)
is "$out" "Chain FORWARD (policy DROP)" "iptables -L | grep FORWARD"
out=$(nst -c 'iptables -t filter -L' | grep policy)
is "$out" "Chain INPUT (policy ACCEPT)
Chain FORWARD (policy DROP)
Chain OUTPUT (policy ACCEPT)" "iptables -t filter -L | grep policy"

diag "changing rules: -D by rule and by number, -R, -C, -Z, -F, -X"
typed -D FORWARD -s 11.11.11.0/24 -j ACCEPT
typed -C NAVY -o br0 -j ACCEPT
typed -R NAVY 2 -i br0 -j DROP
typed -D NAVY 3
typed -Z
typed -Z FORWARD
same "-S" "-L -v -n"
typed -F NAVY
typed -D FORWARD -j NAVY
typed -X NAVY
typed -t nat -F
typed -P FORWARD ACCEPT
same "-S" "-t nat -S"

diag "rules the real iptables-nft made, shown by nstutor"
iptables-nft -N NAVY
iptables-nft -N EMPTY
iptables-nft -A INPUT ! -s 1.2.3.4 -i eth+ -p udp --sport 53 \
	-m conntrack --ctstate RELATED,ESTABLISHED -j LOG --log-prefix "hi "
iptables-nft -A INPUT -p icmp --icmp-type echo-request -j REJECT
iptables-nft -A INPUT -p udp -j LOG --log-prefix fwd_1-a
iptables-nft -A INPUT -p tcp -j LOG --log-prefix 'say "hi" \ it'
iptables-nft -A INPUT -p icmp --icmp-type 3/3 -j DROP
iptables-nft -A INPUT -p tcp ! --dport 1000:2000 -j REJECT --reject-with tcp-reset
iptables-nft -A INPUT -p tcp --sport 1024: --dport 22 -j ACCEPT
iptables-nft -A INPUT -d 10.9.0.0/16 ! -i veth0 -m conntrack ! --ctstate NEW -j ACCEPT
iptables-nft -A INPUT -s 10.1.2.3/32 -j ACCEPT -c 5 600
iptables-nft -A INPUT -s 10.1.2.0/24 -j DROP -c 123456 99999999
iptables-nft -A INPUT -j ACCEPT -c 1234567 12345678901
iptables-nft -A FORWARD -j NAVY
iptables-nft -A OUTPUT -p 47 -g NAVY
iptables-nft -A OUTPUT ! -p tcp
iptables-nft -A FORWARD -i br0 ! -o br1 -s 11.11.11.2 -j DROP
iptables-nft -A NAVY -p udp -m udp --dport 53 -j RETURN
iptables-nft -t nat -A PREROUTING -i br0 -p udp --dport 5353 -j DNAT --to-destination 10.0.0.1-10.0.0.5:53-60
iptables-nft -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination :80
iptables-nft -t nat -A POSTROUTING -o eth0 -j SNAT --to-source 203.0.113.7
iptables-nft -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000
same_all
same "-L INPUT 2" "-L INPUT 9 -v" "-S INPUT 1" "-S INPUT 99" "-L EMPTY"

diag "a rule nstutor shows can be deleted by typing what -S shows"
while read -r spec; do
	nst -c "iptables ${spec/-A/-D}" >/dev/null 2>&1
	ok $? "iptables ${spec/-A/-D}"
done < <(iptables-nft -S INPUT | grep '^-A' | grep -v -- ' -c ')
is "$(iptables-nft -S INPUT)" "-P INPUT ACCEPT" "INPUT is empty again"

diag "inside a namespace: ip netns exec RED iptables"
ip netns add RED
ip netns exec RED iptables-nft -A FORWARD -s 11.11.11.2 -j DROP
nst -c 'ip netns exec RED iptables -A FORWARD -o br0 -j ACCEPT'
ok $? "ip netns exec RED iptables -A FORWARD -o br0 -j ACCEPT"
want=$(ip netns exec RED iptables-nft -S)
is "$(nst -c 'ip netns exec RED iptables -S')" "$want" "RED: iptables -S as iptables-nft"
is "$(nst -c 'ip netns exec RED iptables -L -n -v')" \
	"$(ip netns exec RED iptables-nft -L -n -v)" "RED: iptables -L -n -v as iptables-nft"
ok "$(iptables-nft -S FORWARD | grep -c -- "-o br0 -j ACCEPT")" "the host's FORWARD is untouched"

diag "the same lines typed into nstutor (in GREEN) and iptables-nft (in BLUE)"
ip netns add GREEN
ip netns add BLUE
while IFS= read -r line; do
	nst -c "ip netns exec GREEN iptables $line" >/dev/null 2>&1
	ok $? "GREEN: iptables $line"
	eval "ip netns exec BLUE iptables-nft $line"
done <<'LINES'
-N NAVY
-N LOGDROP
-A LOGDROP -j LOG --log-prefix "dropped: "
-A LOGDROP -j DROP
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A INPUT -p icmp --icmp-type echo-request -j ACCEPT
-A INPUT -p icmp --icmp-type port-unreachable -j ACCEPT
-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
-A INPUT -p udp -m udp --sport 53 --dport 1024:65535 -j ACCEPT
-A INPUT ! -s 10.0.0.0/8 -p tcp ! --dport 80 -j REJECT --reject-with tcp-reset
-A INPUT -j LOGDROP
-I FORWARD -o br0 -g NAVY
-I FORWARD 1 ! -i br0 -d 11.11.11.0/255.255.255.0 -j NAVY
-A FORWARD -p 47 -j DROP
-A FORWARD ! -p udp -j REJECT --reject-with icmp-host-prohibited
-A NAVY -s 11.11.11.2 -j RETURN
-A OUTPUT -o veth+ -j ACCEPT
-t nat -A PREROUTING -i br0 -p tcp --dport 8080 -j DNAT --to-destination 11.11.11.2:80
-t nat -A PREROUTING -p udp --dport 5000:5010 -j DNAT --to-destination 11.11.11.2-11.11.11.4:6000-6010
-t nat -A OUTPUT -p tcp --dport 8080 -j DNAT --to-destination :80
-t nat -A POSTROUTING -o eth0 -j SNAT --to-source 203.0.113.7
-t nat -A POSTROUTING -o eth1 -p tcp -j MASQUERADE --to-ports 1000-2000
-t nat -A POSTROUTING -s 11.11.11.0/24 ! -d 11.11.11.0/24 -j MASQUERADE
-R INPUT 1 -i lo -j ACCEPT
-D INPUT -p icmp -m icmp --icmp-type 3/3 -j ACCEPT
LINES
for args in "-S" "-t nat -S" "-L -n -v" "-t nat -L -n -v"; do
	# shellcheck disable=SC2086
	is "$(ip netns exec GREEN iptables-nft $args)" \
		"$(ip netns exec BLUE iptables-nft $args)" \
		"iptables-nft $args: nstutor's rules are the ones iptables-nft makes"
	# shellcheck disable=SC2086
	is "$(nst -c "ip netns exec GREEN iptables $args")" \
		"$(ip netns exec GREEN iptables-nft $args)" "GREEN: iptables $args as iptables-nft"
done

diag "a rule made with nft that iptables cannot show"
if command -v nft >/dev/null; then
	ip netns add NFT
	ip netns exec NFT iptables-nft -A FORWARD -j ACCEPT
	ip netns exec NFT nft add rule ip filter FORWARD ip length 100 drop
	for args in "-S" "-L -n"; do
		# shellcheck disable=SC2086
		want=$(ip netns exec NFT iptables-nft $args 2>"$TEST_TMP/real")
		got=$(nst -c "ip netns exec NFT iptables $args" 2>"$TEST_TMP/err")
		is "$got" "$want" "NFT: iptables $args prints what iptables-nft prints"
		is "$(cat "$TEST_TMP/err")" "$(grep -v '^Error: ' "$TEST_TMP/real")" \
			"NFT: iptables $args says what iptables-nft says"
	done
fi

diag "the note about br_netfilter (not with --plain)"
bnf=/proc/sys/net/bridge/bridge-nf-call-iptables
if [ -w $bnf ]; then
	echo 1 >$bnf
	iptables-nft -P FORWARD DROP
	out=$(nstutor_ -c 'iptables -L FORWARD')
	like "$out" "^# bridged frames go through FORWARD here because bridge-nf-call-iptables=1" \
		"-L FORWARD names bridge-nf-call-iptables=1"
	out=$(nstutor_ -c 'iptables -L INPUT')
	ok $(printf '%s' "$out" | grep -c bridged) "-L INPUT says nothing of it"
	is "$(nst -c 'iptables -L')" "$(iptables-nft -L)" "--plain: no note"
	echo 0 >$bnf
	out=$(nstutor_ -c 'iptables -L FORWARD')
	ok $(printf '%s' "$out" | grep -c bridged) "no note with bridge-nf-call-iptables=0"
	iptables-nft -P FORWARD ACCEPT
fi

done_testing
