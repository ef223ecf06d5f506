#!/bin/bash
# iptables-bad.sh: malformed iptables lines.  Each gives the real
# iptables-nft's error (its whole stderr, with --plain), a non-zero
# exit status, then a plain-words hint (without --plain), and changes no rule.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v iptables-nft >/dev/null; then
	echo "1..0 # SKIP no iptables-nft to compare with"
	exit 0
fi

state() { iptables-nft -S; iptables-nft -t nat -S; }

# refused LINE: nstutor's "iptables LINE" fails like iptables-nft's,
# with a hint, and changes nothing.
refused() {
	local line=$1 before after rc real_rc
	before=$(state)
	nst -c "iptables $line" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	nstutor_ -c "iptables $line" >/dev/null 2>"$TEST_TMP/err-hint"
	after=$(state)
	eval "iptables-nft $line" >/dev/null 2>"$TEST_TMP/real"
	real_rc=$?
	ok $((rc == 0)) "iptables $line: fails"
	is "$(head -1 "$TEST_TMP/err")" "$(head -1 "$TEST_TMP/real")" \
		"iptables $line: first line as iptables-nft's"
	is "$(cat "$TEST_TMP/err")" "$(cat "$TEST_TMP/real")" \
		"iptables $line: all of it as iptables-nft's"
	is "$rc" "$real_rc" "iptables $line: exit status $real_rc, as iptables-nft's"
	grep -q '^hint: ' "$TEST_TMP/err-hint"
	ok $? "iptables $line: a hint follows"
	is "$after" "$before" "iptables $line: no rule changed"
	is "$(state)" "$before" "iptables $line: nor by the real one"
}

# nstutor_refuses LINE: a line the real iptables takes but nstutor does
# not carry out: it fails, says why with a hint, and changes nothing.
nstutor_refuses() {
	local line=$1 before
	before=$(state)
	nstutor_ -c "iptables $line" >/dev/null 2>"$TEST_TMP/err"
	ok $((! $?)) "iptables $line: nstutor declines"
	grep -q '^hint: ' "$TEST_TMP/err"
	ok $? "iptables $line: and says what to do instead"
	is "$(state)" "$before" "iptables $line: no rule changed"
}

# a lab like the tutorial's: NAVY used from FORWARD
iptables-nft -N NAVY
iptables-nft -I FORWARD 1 -j NAVY
iptables-nft -A NAVY -j RETURN
iptables-nft -t nat -A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE

while IFS= read -r line; do
	[ -n "$line" ] && refused "$line"
done <<'LINES'
-A PRESOUTING -j ACCEPT
-t nat -A PRESOUTING -p tcp --dport 80 -j DNAT --to-destination 192.168.15.2:80
-t nat -A PRESOUTING --dport 80 --to-destination 192.168.15.2:80 -j DNAT
-t nat -A PREROUTING --dport 80 --to-destination 192.168.15.2:80 -j DNAT
-A POSTROUTING -s 192.168.15.0/24 -j MASQUERADE
-A FORWARD -s 10.0.0.0/33 -j ACCEPT
-A FORWARD -s 10.0.0.0/abc -j ACCEPT
-A FORWARD -s 300.1.1.1 -j ACCEPT
-A FORWARD -s hostname.example -j ACCEPT
-A FORWARD --dport 80 -j ACCEPT
-A FORWARD -p icmp --dport 8 -j ACCEPT
-A FORWARD -j
-A FORWARD -s
-I FORWARD 99 -j ACCEPT
-I FORWARD 0 -j ACCEPT
-I FORWARD x -j ACCEPT
-P NAVY DROP
-P FORWARD
-P FORWARD DENY
-P FORWARD accept
-P PRESOUTING DROP
-t nat -P POSTROUTING DROP
-t nat -A POSTROUTING -j DROP
-X NAVY
-X FORWARD
-X
-X NOPE
-N NAVY
-N FORWARD
-N THIS_NAME_IS_WAY_TOO_LONG_FOR_IPTABLES_OK
-N -bad
-A FORWARD -j NOPE
-A FORWARD -j ACCPET
-A FORWARD -g ACCEPT
-A NAVY -j FORWARD
-D FORWARD -s 1.1.1.1 -j ACCEPT
-D FORWARD
-D FORWARD 5
-D FORWARD 0
-D FORWARD 1 -j ACCEPT
-R FORWARD 5 -j ACCEPT
-R FORWARD -j ACCEPT
-C FORWARD -j DROP
-t bogus -L
-L NOPE
-S NOPE
-F NOPE
-Z NOPE
-A
-A FORWARD -p foo
-A FORWARD -p tcp --dport 99999 -j ACCEPT
-A FORWARD -p tcp --sport 5:3 -j ACCEPT
-A FORWARD -j ACCEPT extra
-I FORWARD 1 2 -j ACCEPT
-t nat -A PREROUTING -j DNAT
-t nat -A POSTROUTING -j SNAT
-t nat -A PREROUTING -j DNAT --to-destination 1.1.1.1:80
-t nat -A PREROUTING -p tcp -j DNAT --to-destination 999.1.1.1
-t nat -A POSTROUTING -j MASQUERADE --to-ports 99999
-A FORWARD -j MASQUERADE
-t nat -A POSTROUTING -j DNAT --to-destination 1.1.1.1
-A FORWARD -m conntrack --ctstate BOGUS -j ACCEPT
-A FORWARD -m conntrack -j ACCEPT
-A FORWARD --ctstate NEW -j ACCEPT
-A FORWARD -m foo -j ACCEPT
-A FORWARD -j REJECT --reject-with bogus
-A FORWARD -p udp -j REJECT --reject-with tcp-reset
-A FORWARD -p icmp --icmp-type bogus -j ACCEPT
-A FORWARD -s 1.1.1.1 -s 2.2.2.2
-A FORWARD -j ACCEPT -j DROP
-A FORWARD -j abcdefghijabcdefghijabcdefghi
-A FORWARD -g abcdefghijabcdefghijabcdefghijabcdef
-A FORWARD -j abcdefghijabcdefghijabcdefgh
-A FORWARD -p tcp -m udp --dport 5 -j ACCEPT
-A FORWARD -m udp -j ACCEPT
-A FORWARD -m tcp --dport 22
-A FORWARD -p all -m udp --sport 5 -j ACCEPT
-A FORWARD -p udp --dport 5 --dport 6 -j ACCEPT
-A FORWARD ! ! -s 1.1.1.1
-A FORWARD !
-A FORWARD -s ! 1.1.1.1 -j ACCEPT
-A FORWARD -s !
-A FORWARD -i ! eth0 -j ACCEPT
-A FORWARD -s 300.1.1.1 --dport 80 -j ACCEPT
-A INPUT -o eth0 -j ACCEPT
-A OUTPUT -i eth0 -j ACCEPT
-A FORWARD -i eth0toolongname123 -j ACCEPT
-A FORWARD -o "" -j ACCEPT
-A FORWARD -j ""
-A FORWARD -s 11.11.11.0/24 -g ""
-A FORWARD -i ""
-A FORWARD -c x 5 -j ACCEPT
-A FORWARD -j LOG --log-prefix ""
-A FORWARD --log-prefix x -j ACCEPT
-A FORWARD --syn -j ACCEPT
-w -A FORWARD -j NOPE
-L -S
-A FORWARD -L
-S -n
-A FORWARD -n -j ACCEPT
--bogus
-Q
-x
LINES

diag "lines the real iptables takes that nstutor does not carry out"
nstutor_refuses "-t mangle -A PREROUTING -j ACCEPT"
nstutor_refuses "-E NAVY FOO"
nstutor_refuses "-A FORWARD -p icmp ! --icmp-type 8 -j ACCEPT"
nstutor_refuses "-A FORWARD -m state --state NEW -j ACCEPT"
nstutor_refuses "-A FORWARD -p tcp --syn -j ACCEPT"
nstutor_refuses "-A FORWARD -j LOG --log-level 3"
nstutor_refuses "-A FORWARD -f -j ACCEPT"

diag "the hints"
hint_of() { nstutor_ -c "iptables $1" 2>&1 >/dev/null | grep '^hint: '; }
like "$(hint_of '-t nat -A PRESOUTING -p tcp --dport 80 -j DNAT --to-destination 192.168.15.2:80')" \
	"did you mean PREROUTING\?" "PRESOUTING: did you mean PREROUTING?"
like "$(hint_of '-A PRESOUTING -j ACCEPT')" "PREROUTING.*-t nat" \
	"PRESOUTING in filter: PREROUTING of the nat table"
like "$(hint_of '-A POSTROUTING -j MASQUERADE')" "nat table: add \"-t nat\"" \
	"POSTROUTING in filter: add -t nat"
like "$(hint_of '-A FORWARD -j ACCPET')" "did you mean ACCEPT\?" "ACCPET: did you mean ACCEPT?"
like "$(hint_of '-A FORWARD -s server.example -j ACCEPT')" "does not look up host names" \
	"host names are not looked up"
like "$(hint_of '-A FORWARD --dport 80 -j ACCEPT')" "-p tcp" "--dport without -p: says -p tcp"

done_testing
