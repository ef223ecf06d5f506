#!/bin/bash
# nf-reset.sh: the firewall in the journal.  What nstutor adds through
# nf-ipt.h (tests/nf-ipt-drive -j, journaled in the host world) reset
# removes again — its rules by handle, the chains and tables it made —
# and it puts back the policies it changed; everything else (rules,
# chains and tables of the real iptables-nft, even a rule just like
# nstutor's) stays, as iptables-nft -S and nft show.
. "${top_srcdir:-.}/tests/lib.sh"

D="$top_builddir/tests/nf-ipt-drive"
need_tools iptables-nft nft
J() { "$D" -j "$@"; }
journal="$NSTUTOR_RUNTIME_DIR/host.journal"

# ---- tables there before: nstutor's rules, chains, policies go ----
iptables-nft -A FORWARD -s 1.1.1.1 -j DROP
iptables-nft -N MINE
iptables-nft -t nat -A POSTROUTING -j MASQUERADE
before=$(iptables-nft -S)
before_nat=$(iptables-nft -t nat -S)
J policy filter FORWARD DROP >/dev/null
J add filter FORWARD 0 src=11.11.11.0/24 verdict=ACCEPT >/dev/null
J new filter NAVY >/dev/null
J add filter NAVY 0 verdict=RETURN >/dev/null
J add filter FORWARD 1 verdict=jump:NAVY >/dev/null
J add filter INPUT 0 verdict=ACCEPT >/dev/null
J add nat POSTROUTING 0 out=eth0 verdict=MASQUERADE >/dev/null
J add nat PREROUTING 0 proto=6 dport=80-80 verdict=DNAT nat-addr=1.2.3.4-1.2.3.4 >/dev/null
J policy filter FORWARD ACCEPT >/dev/null
J policy filter FORWARD DROP >/dev/null
# the real iptables-nft, meanwhile: a rule just like one of nstutor's,
# and one of its own
iptables-nft -A FORWARD -s 11.11.11.0/24 -j ACCEPT
iptables-nft -A FORWARD -j LOG
like "$(cat "$journal")" 'nfhandle - filter FORWARD [0-9]+ rule%20src=11' \
	"a rule's text and then its handle are journaled"
out=$(J reset x)
like "$out" 'reset chain: chain NAVY \(filter\)' "reset removed chain NAVY"
like "$out" 'reset policy: -P FORWARD ACCEPT' "reset put back the oldest policy"
like "$out" 'reset rule: -A FORWARD -s 11.11.11.0/24 -j ACCEPT' \
	"reset names the rules it removed as iptables -S would"
is "$(printf '%s\n' "$out" | grep -c 'reset rule')" "6" "... all six of them"
is "$(iptables-nft -S)" "$before
-A FORWARD -s 11.11.11.0/24 -j ACCEPT
-A FORWARD -j LOG" "reset removed exactly nstutor's: the real iptables-nft's rules stay"
is "$(iptables-nft -t nat -S)" "$before_nat" "... and in nat too"
is "$(iptables-nft -S INPUT)" "-P INPUT ACCEPT" "and INPUT, which nstutor made"
is "$(nft list chain ip filter INPUT 2>&1 | head -1)" \
	"Error: No such file or directory" "... is gone from the kernel again"
is "$(grep -c . "$journal")" "0" "the journal is empty after reset"
is "$(J reset x)" "" "a second reset has nothing to do"

# ---- a table nstutor made goes whole; one it did not make stays ----
iptables-nft -F; iptables-nft -X; nft delete table ip nat
nft add table ip mangle
J add nat POSTROUTING 0 src=11.11.11.0/24 verdict=MASQUERADE >/dev/null
J add nat PREROUTING 0 verdict=ACCEPT >/dev/null
is "$(J reset x)" "reset chain: table nat" \
	"reset removed table nat, which it made, and said only that"
is "$(nft list tables)" "table ip filter
table ip mangle" "only nstutor's table went"

# ---- a rule changed since in its place stays ----
J add filter FORWARD 0 src=10.0.0.0/8 verdict=ACCEPT >/dev/null
iptables-nft -R FORWARD 1 -s 10.0.0.0/8 -j DROP
J reset x >/dev/null
is "$(iptables-nft -S FORWARD | grep -- -A)" "-A FORWARD -s 10.0.0.0/8 -j DROP" \
	"a rule replaced in place by iptables-nft -R is not nstutor's any more"
iptables-nft -F

# ---- killed between adding a rule and journaling its handle ----
iptables-nft -A FORWARD -j DROP
iptables-nft -I FORWARD 1 -s 10.9.0.0/16 -j ACCEPT
printf 'nfrule - filter FORWARD rule%%20src=10.9.0.0/16%%20verdict=ACCEPT\n' >>"$journal"
J reset x >/dev/null
is "$(iptables-nft -S FORWARD | grep -- -A)" "-A FORWARD -j DROP" \
	"no handle journaled: reset removes the first rule with its text"

# ---- a failed change journals nothing ----
is "$(J add filter NOPE 0 verdict=ACCEPT)" "error: No such file or directory" \
	"-A to no chain fails"
is "$(J add filter FORWARD 0 dport=80-80 verdict=ACCEPT)" \
	"error: Invalid argument" "--dport without -p fails"
is "$(grep -v '^base' "$journal")" "" "failed changes left no journal lines"
is "$(nft list ruleset | grep -c 'chain INPUT')" "0" \
	"... and made nothing (no table, no chain for a rule refused)"

done_testing
