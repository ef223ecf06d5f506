#!/bin/bash
# nf-ipt.sh: the netfilter core (nf-rule.c, nf-ipt*.c) against the real
# iptables-nft 1.8.9 and nft.  Each rule form is written by nstutor
# (tests/nf-ipt-drive) in one namespace and typed into the real
# iptables-nft in another: iptables-nft -S must print the same line for
# both, nft --debug=netlink the same expressions, and nstutor must read
# the real one's rule back into the same fields.  Then chain operations
# and their errors, a rule iptables cannot show, and reset.
. "${top_srcdir:-.}/tests/lib.sh"

D="$top_builddir/tests/nf-ipt-drive"
need_tools iptables-nft nft

fresh() {
	ip netns del A 2>/dev/null
	ip netns del B 2>/dev/null
	ip netns add A && ip netns add B
}

# The expressions of a table, without handles.
exprs() {
	ip netns exec "$1" nft --debug=netlink list table ip "$2" 2>/dev/null |
		grep '^  \[' | sed 's/pkts [0-9]* bytes [0-9]*/pkts bytes/'
}

# case TABLE CHAIN "WORDS" "IPTABLES ARGS" "-S LINE" ["WORDS READ BACK"]
case_() {
	local table=$1 chain=$2 words=$3 args=$4 want=$5 back=${6:-$3} got mine
	fresh
	# shellcheck disable=SC2086
	"$D" -n A add "$table" "$chain" 0 $words >/dev/null
	# shellcheck disable=SC2086
	eval "ip netns exec B iptables-nft -t $table -A $chain $args"
	got=$(ip netns exec A iptables-nft -t "$table" -S "$chain" | grep '^-A')
	is "$got" "$want" "nstutor's \"$words\": iptables-nft -S prints $want"
	is "$(ip netns exec B iptables-nft -t "$table" -S "$chain" | grep '^-A')" \
		"$want" "oracle: iptables-nft -A $chain $args"
	is "$(exprs A "$table")" "$(exprs B "$table")" \
		"same expressions as iptables-nft for $args"
	mine=$("$D" -n B show "$table" | sed -n 's/^  1 //p')
	is "$mine" "rule $back" "iptables-nft's $args reads back as $back"
}

f() { case_ filter FORWARD "$@"; }
f "src=11.11.11.0/24 verdict=ACCEPT" "-s 11.11.11.0/24 -j ACCEPT" \
	"-A FORWARD -s 11.11.11.0/24 -j ACCEPT"
f "src=!11.11.11.2/32 dst=10.0.0.0/9 verdict=DROP" \
	"! -s 11.11.11.2 -d 10.0.0.0/9 -j DROP" \
	"-A FORWARD ! -s 11.11.11.2/32 -d 10.0.0.0/9 -j DROP"
f "dst=!10.16.0.0/16 verdict=DROP" "! -d 10.16.0.0/16 -j DROP" \
	"-A FORWARD ! -d 10.16.0.0/16 -j DROP"
f "src=10.0.0.0/8 dst=192.168.1.0/25 verdict=ACCEPT" \
	"-s 10.0.0.0/8 -d 192.168.1.0/25 -j ACCEPT" \
	"-A FORWARD -s 10.0.0.0/8 -d 192.168.1.0/25 -j ACCEPT"
f "in=eth0 out=!veth+ verdict=RETURN" "-i eth0 ! -o veth+ -j RETURN" \
	"-A FORWARD -i eth0 ! -o veth+ -j RETURN"
f "in=!br0 out=reth1 verdict=ACCEPT" "! -i br0 -o reth1 -j ACCEPT" \
	"-A FORWARD ! -i br0 -o reth1 -j ACCEPT"
f "proto=6 dport=80-80 verdict=ACCEPT" "-p tcp --dport 80 -j ACCEPT" \
	"-A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT"
f "proto=17 sport=1000-2000 dport=!53-53 verdict=ACCEPT" \
	"-p udp --sport 1000:2000 ! --dport 53 -j ACCEPT" \
	"-A FORWARD -p udp -m udp --sport 1000:2000 ! --dport 53 -j ACCEPT"
f "proto=6 sport=5-5 dport=80-80 verdict=ACCEPT" \
	"-p tcp --sport 5 --dport 80 -j ACCEPT" \
	"-A FORWARD -p tcp -m tcp --sport 5 --dport 80 -j ACCEPT"
f "proto=6 sport=!5-5 dport=!80-80 verdict=ACCEPT" \
	"-p tcp ! --sport 5 ! --dport 80 -j ACCEPT" \
	"-A FORWARD -p tcp -m tcp ! --sport 5 ! --dport 80 -j ACCEPT"
f "proto=6 dport=!1024-65535 verdict=DROP" "-p tcp ! --dport 1024: -j DROP" \
	"-A FORWARD -p tcp -m tcp ! --dport 1024:65535 -j DROP"
f "proto=6 sport=0-65535 dport=80-80 verdict=ACCEPT" \
	"-p tcp --sport 0:65535 --dport 80 -j ACCEPT" \
	"-A FORWARD -p tcp -m tcp --dport 80 -j ACCEPT" "proto=6 dport=80-80 verdict=ACCEPT"
f "proto=17 dport=0-65535 verdict=ACCEPT" "-p udp --dport 0:65535 -j ACCEPT" \
	"-A FORWARD -p udp -m udp -j ACCEPT" "proto=17 verdict=ACCEPT"
f "proto=6 dport=!0-65535 verdict=ACCEPT" "-p tcp ! --dport 0:65535 -j ACCEPT" \
	"-A FORWARD -p tcp -j ACCEPT" "proto=6 verdict=ACCEPT"
f "proto=!6 verdict=ACCEPT" "! -p tcp -j ACCEPT" "-A FORWARD ! -p tcp -j ACCEPT"
f "proto=!17 dport=53-53 verdict=ACCEPT" "! -p udp --dport 53 -j ACCEPT" \
	"-A FORWARD ! -p udp -m udp --dport 53 -j ACCEPT"
f "proto=1 verdict=ACCEPT" "-p icmp -j ACCEPT" "-A FORWARD -p icmp -j ACCEPT"
f "proto=1 icmp=8/255 verdict=ACCEPT" "-p icmp --icmp-type echo-request -j ACCEPT" \
	"-A FORWARD -p icmp -m icmp --icmp-type 8 -j ACCEPT"
f "proto=1 icmp=3/1 verdict=DROP" "-p icmp --icmp-type 3/1 -j DROP" \
	"-A FORWARD -p icmp -m icmp --icmp-type 3/1 -j DROP"
f "ctstate=0x6 verdict=ACCEPT" \
	"-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" \
	"-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
f "ctstate=!0x19 verdict=DROP" \
	"-m conntrack ! --ctstate NEW,INVALID,UNTRACKED -j DROP" \
	"-A FORWARD -m conntrack ! --ctstate INVALID,NEW,UNTRACKED -j DROP"
f "proto=6 dport=22-22 ctstate=0x8 verdict=ACCEPT" \
	"-p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT" \
	"-A FORWARD -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT"
f "verdict=REJECT with=icmp-port-unreachable" "-j REJECT" \
	"-A FORWARD -j REJECT --reject-with icmp-port-unreachable"
f "proto=6 verdict=REJECT with=tcp-reset" "-p tcp -j REJECT --reject-with tcp-reset" \
	"-A FORWARD -p tcp -j REJECT --reject-with tcp-reset"
f "verdict=REJECT with=icmp-host-prohibited" \
	"-j REJECT --reject-with icmp-host-prohibited" \
	"-A FORWARD -j REJECT --reject-with icmp-host-prohibited"
f 'verdict=LOG prefix="fw:"' '-j LOG --log-prefix fw:' \
	'-A FORWARD -j LOG --log-prefix "fw:"'
f "verdict=DROP" "-j DROP" "-A FORWARD -j DROP"
f "verdict=none" "" "-A FORWARD"
n() { case_ nat "$@"; }
n POSTROUTING "out=eth0 src=11.11.11.0/24 verdict=MASQUERADE" \
	"-s 11.11.11.0/24 -o eth0 -j MASQUERADE" \
	"-A POSTROUTING -s 11.11.11.0/24 -o eth0 -j MASQUERADE"
n POSTROUTING "proto=6 verdict=MASQUERADE nat-port=1000-2000" \
	"-p tcp -j MASQUERADE --to-ports 1000-2000" \
	"-A POSTROUTING -p tcp -j MASQUERADE --to-ports 1000-2000"
n POSTROUTING "verdict=SNAT nat-addr=1.2.3.4-1.2.3.4" \
	"-j SNAT --to-source 1.2.3.4" "-A POSTROUTING -j SNAT --to-source 1.2.3.4"
n POSTROUTING "proto=17 verdict=SNAT nat-addr=1.2.3.4-1.2.3.9 nat-port=100-200" \
	"-p udp -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200" \
	"-A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4-1.2.3.9:100-200"
n PREROUTING "proto=6 dport=8080-8080 verdict=DNAT nat-addr=11.11.11.2-11.11.11.2 nat-port=80-80" \
	"-p tcp --dport 8080 -j DNAT --to-destination 11.11.11.2:80" \
	"-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 11.11.11.2:80"
n PREROUTING "in=eth0 verdict=DNAT nat-addr=11.11.11.2-11.11.11.2" \
	"-i eth0 -j DNAT --to-destination 11.11.11.2" \
	"-A PREROUTING -i eth0 -j DNAT --to-destination 11.11.11.2"
n OUTPUT "proto=6 verdict=DNAT nat-addr=10.0.0.1-10.0.0.3 nat-port=80-90" \
	"-p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.3:80-90" \
	"-A OUTPUT -p tcp -j DNAT --to-destination 10.0.0.1-10.0.0.3:80-90"

# ---- chains: the tutorials' NAVY sequence, policies, positions ----
fresh
A() { "$D" -n A "$@"; }
A new filter NAVY >/dev/null
A add filter NAVY 0 src=10.16.0.0/24 dst=10.16.0.0/24 verdict=ACCEPT >/dev/null
A add filter NAVY 0 verdict=RETURN >/dev/null
A add filter FORWARD 0 src=11.11.11.0/24 verdict=ACCEPT >/dev/null
A add filter FORWARD 1 verdict=jump:NAVY >/dev/null
A add filter FORWARD 3 verdict=goto:NAVY >/dev/null
A policy filter FORWARD DROP >/dev/null
ip netns exec B sh -c 'iptables-nft -N NAVY
	iptables-nft -A NAVY -s 10.16.0.0/24 -d 10.16.0.0/24 -j ACCEPT
	iptables-nft -A NAVY -j RETURN
	iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT
	iptables-nft -I FORWARD 1 -j NAVY
	iptables-nft -I FORWARD 3 -g NAVY
	iptables-nft -P FORWARD DROP'
is "$(ip netns exec A iptables-nft -S)" "$(ip netns exec B iptables-nft -S)" \
	"the NAVY sequence: iptables-nft -S is the same"
is "$(ip netns exec A iptables-nft -L -n --line-numbers)" \
	"$(ip netns exec B iptables-nft -L -n --line-numbers)" \
	"the NAVY sequence: iptables-nft -L is the same"
is "$(A show filter)" "$("$D" -n B show filter)" \
	"the NAVY sequence reads the same from either"
is "$(A show filter | grep '^chain NAVY')" "chain NAVY references=2 rules=2" \
	"NAVY: referenced twice, two rules"
is "$(A new filter NAVY)" "error: File exists" "-N of a chain there: EEXIST"
is "$(A new filter FORWARD)" "error: File exists" "-N of a built-in: EEXIST"
is "$(A delchain filter NAVY)" "error: Device or resource busy" \
	"-X of a referenced chain: EBUSY"
is "$(A delchain filter NOPE)" "error: No such file or directory" \
	"-X of no chain: ENOENT"
is "$(A add filter NOPE 0 verdict=ACCEPT)" "error: No such file or directory" \
	"-A to no chain: ENOENT"
is "$(A add filter FORWARD 0 verdict=jump:NOPE)" \
	"error: No such file or directory" "-j to no chain: ENOENT"
is "$(A add filter FORWARD 99 verdict=ACCEPT)" "error: Invalid argument" \
	"-I FORWARD 99: EINVAL"
is "$(A policy filter NAVY DROP)" "error: No such file or directory" \
	"-P on a user chain: ENOENT"
is "$(A add filter FORWARD 0 dport=80-80 verdict=ACCEPT)" \
	"error: Invalid argument" "--dport without -p: EINVAL"
is "$(A add filter FORWARD 0 src=!0.0.0.0/0 verdict=ACCEPT)" \
	"error: Invalid argument" "! -s 0.0.0.0/0: EINVAL, as iptables-nft"
before=$(ip netns exec A iptables-nft -S)
is "$before" "$(ip netns exec B iptables-nft -S)" "the errors changed nothing"

A del filter FORWARD 0 verdict=goto:NAVY >/dev/null
A del filter FORWARD 1 >/dev/null
A replace filter FORWARD 1 src=11.11.11.0/24 verdict=DROP >/dev/null
ip netns exec B sh -c 'iptables-nft -D FORWARD -g NAVY; iptables-nft -D FORWARD 1
	iptables-nft -R FORWARD 1 -s 11.11.11.0/24 -j DROP'
is "$(ip netns exec A iptables-nft -S)" "$(ip netns exec B iptables-nft -S)" \
	"-D by spec, -D by number, -R: as iptables-nft"
is "$(A del filter FORWARD 0 verdict=goto:NAVY)" \
	"error: No such file or directory" "-D of no such rule: ENOENT"
is "$(A replace filter FORWARD 5 verdict=DROP)" "error: Invalid argument" \
	"-R FORWARD 5: EINVAL"
A delchain filter NAVY >/dev/null
is "$(A delchain filter NAVY | head -1)$(A show filter | grep -c NAVY)" \
	"error: Device or resource busy1" "-X of a chain with rules: EBUSY"
A flush filter NAVY >/dev/null
A new filter EMPTY >/dev/null
A delchain filter >/dev/null
is "$(ip netns exec A iptables-nft -S | grep -c -- '-N')" "0" \
	"-F NAVY then -X alone: every empty unreferenced user chain gone"
A add filter INPUT 0 verdict=ACCEPT >/dev/null
A flush filter >/dev/null
is "$(ip netns exec A iptables-nft -S | grep -c -- '-A')" "0" \
	"-F alone: every chain of the table emptied"

# counters: traffic through OUTPUT, then -Z
A add filter OUTPUT 0 dst=127.0.0.1/32 verdict=ACCEPT >/dev/null
A policy filter OUTPUT ACCEPT >/dev/null
ip netns exec A ip link set lo up
ip netns exec A ping -c 2 -q -W 1 127.0.0.1 >/dev/null 2>&1
like "$(ip netns exec A iptables-nft -L OUTPUT -v -n -x | sed -n 3p)" \
	'^ +[1-9][0-9]* +[1-9]' "the rule counted the pings"
handle=$(ip netns exec A nft -a list chain ip filter OUTPUT | grep -o 'handle [0-9]*' | tail -1)
A zero filter >/dev/null
like "$(ip netns exec A iptables-nft -L OUTPUT -v -n -x | sed -n 3p)" \
	'^ +0 +0 ' "-Z zeroed it"
is "$(ip netns exec A nft -a list chain ip filter OUTPUT | grep -o 'handle [0-9]*' | tail -1)" \
	"$handle" "-Z kept the rule's handle"

# a rule iptables cannot show (ip ttl) makes its chain unreadable
ip netns exec A nft add rule ip filter OUTPUT ip ttl 5 accept
like "$(A show filter)" 'chain OUTPUT .*unreadable' \
	"a rule iptables cannot show: its chain is unreadable"
like "$(A show filter)" '  2 unreadable' "... and that rule too"

# reading makes nothing; the first write makes only what it needs
fresh
A show nat >/dev/null
is "$(ip netns exec A nft list ruleset)" "" "reading made nothing"
A policy filter FORWARD DROP >/dev/null
ip netns exec B iptables-nft -P FORWARD DROP
is "$(ip netns exec A nft list ruleset)" "$(ip netns exec B nft list ruleset)" \
	"-P in a new table: the table and that chain, as iptables-nft makes them"
A add nat PREROUTING 0 verdict=ACCEPT >/dev/null
ip netns exec B iptables-nft -t nat -A PREROUTING -j ACCEPT
is "$(ip netns exec A nft list ruleset)" "$(ip netns exec B nft list ruleset)" \
	"-A in a new table: the table and that chain, as iptables-nft makes them"

done_testing
