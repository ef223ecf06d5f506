#!/bin/bash
# topo-picture.sh: golden files of "topology" for each lesson's finished
# lab (veth, bridge, masquerade with its internet namespace) and for a
# half-built one (a veth with one end still in the host, links DOWN),
# in UTF-8 and in ASCII.  Each picture must also fit 80 columns
# (counted as a terminal shows them: Korean is two wide), keep every
# box's right edge in one column, and name every link the real
# "ip -j -n NS link" lists.
#
# After a deliberate change of the drawing, TOPO_REGOLD=1 rewrites the
# golden files (tests/topo-golden/LAB.utf8, LAB.ascii); read the diff.
. "${top_srcdir:-.}/tests/lib.sh"
need_tools ip jq python3 nft

GOLDEN=$top_srcdir/tests/topo-golden
export NSTUTOR_LESSONS="$top_srcdir/lessons"

# lab_lesson NAME: the lesson's setup lines and its solution, by nstutor.
lab_lesson() {
	{
		sed -n 's/^setup: *//p' "$NSTUTOR_LESSONS/$1.lesson"
		cat "$NSTUTOR_LESSONS/$1.solution"
	} >"$TEST_TMP/lab.nst"
	nstutor_ --plain -k -f "$TEST_TMP/lab.nst" >/dev/null 2>&1
}

lab_half() {
	nstutor_ --plain -f /dev/stdin >/dev/null 2>&1 <<'NST'
ip netns add RED
ip netns add BLUE
ip link add reth0 type veth peer name reth1
ip link add beth1 type veth peer name beth0 netns BLUE
ip -n BLUE addr add 11.11.11.3/24 dev beth0
ip -n BLUE link set beth0 up
ip link set reth1 up
NST
}

# width_report FILE: "widest N" and "edges OK|BAD: ..." (every box's
# right border in one display column, Korean counted two wide).
width_report() {
	python3 - "$1" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
print("widest", max(width(l) for l in lines))
bad = []
# the host box: every line but the last few ones said under it ends
# at the same column as its top border
top = width(lines[0])
for l in lines[:len(lines)]:
    if l.startswith(("▶", ">")):
        continue
    if width(l) != top:
        bad.append(l)
print("edges", "OK" if not bad else "BAD: " + " / ".join(bad[:3]))
PY
}

# picture LAB FORMAT: the golden comparison and the checks.
picture() {
	local lab=$1 fmt=$2 got=$TEST_TMP/$1.$2 want=$GOLDEN/$1.$2 report ns
	nstutor_ --plain topology "--$fmt" >"$got" 2>&1
	ok $? "$lab: topology --$fmt"
	if [ -n "${TOPO_REGOLD:-}" ]; then
		cp "$got" "$want"
	fi
	is "$(cat "$got")" "$(cat "$want")" "$lab: the $fmt picture is the golden one"
	report=$(width_report "$got")
	like "$report" "widest ([0-9]|[1-7][0-9]|80)$" "$lab ($fmt): no line over 80 columns"
	like "$report" "edges OK" "$lab ($fmt): every line ends at the host box's right border"
	if [ "$fmt" = ascii ]; then
		! LC_ALL=C grep -q '[^ -~]' "$got"
		ok $? "$lab: the ASCII picture is plain ASCII"
	fi
	for ns in host $(ip netns list | cut -d' ' -f1); do
		local names
		names=$(in_ns "$ns" ip -j link show | jq -r '.[].ifname' | tr '\n' ' ')
		local missing=""
		for n in $names; do
			grep -qE "(^|[^A-Za-z0-9_])$n([^A-Za-z0-9_]|$)" "$got" || missing="$missing $ns/$n"
		done
		is "$missing" "" "$lab ($fmt): every link of $ns that ip lists is drawn"
	done
}

# fresh: no namespace, no link but lo, no rules, no forwarding
lab_reset() {
	world_reset
	nft flush ruleset 2>/dev/null
	sysctl -qw net.ipv4.ip_forward=0
}

for lab in veth bridge masquerade; do
	lab_reset
	lab_lesson "$lab"
	picture "$lab" utf8
	picture "$lab" ascii
done

lab_reset
lab_half
picture half utf8
picture half ascii
like "$(cat "$TEST_TMP/half.utf8")" "reth0 DOWN" "half-built: reth0 (still in the host) is DOWN"
grep -q '┄' "$TEST_TMP/half.utf8"
ok $? "half-built: its wire is dashed"

done_testing
