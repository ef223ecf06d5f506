#!/bin/bash
# reset.sh: reset follows what nstutor renamed and moved, puts back the
# links that were there before, and deletes only what nstutor made: not
# a route it replaced, nor an address or neighbour the real ip added.
. "${top_srcdir:-.}/tests/lib.sh"

journal=$NSTUTOR_RUNTIME_DIR/host.journal
host_links() { ip -j link show | jq -r '.[].ifname' | sort | tr '\n' ' '; }
routes() { in_ns "$1" ip -j route show | jq -r '.[] | "\(.dst) \(.gateway // "-")"' | sort; }

# What the real ip made before nstutor: a namespace, a bridge with an
# address, a route and a neighbour entry through it.
ip netns add KEEP
ip link add keep0 type bridge
ip link add keep1 type veth peer name keep1p
ip link set keep0 up
ip addr add 10.5.0.1/24 dev keep0
ip route add 10.6.0.0/24 via 10.5.0.2
ip neigh add 10.5.0.8 lladdr 02:00:00:00:00:08 dev keep0
keep1_mac=$(ip -j link show keep1 | jq -r '.[0].address')
# (a veth: a bridge cannot leave its namespace, and a veth left in a
# namespace that is deleted would die with it)
before_links=$(host_links)
before_routes=$(routes host)

diag "renames and moves"
nst_script >/dev/null 2>"$TEST_TMP/err" <<'EOF'
ip netns add RED
ip link set keep1 name moved1
ip link set moved1 netns RED
ip -n RED link set moved1 name red1
ip link add v0 type veth peer name v1
ip link set v0 name w0
ip link set w0 netns KEEP
ip -n KEEP link set w0 name w9
ip link add x0 netns RED type veth peer name x1 netns KEEP
ip -n KEEP link set x1 netns RED
EOF
ok $? "nstutor renames and moves links"
is "$(cat "$TEST_TMP/err")" "" "and says nothing on stderr"
is "$(grep -c '^move ' "$journal")" 7 "the journal has seven moves"
is "$(ns_links() { in_ns "$1" ip -j link | jq -r '.[].ifname' | sort | tr '\n' ' '; }
	ns_links RED; ns_links KEEP)" "lo red1 x0 x1 lo w9 " \
	"keep1 is red1 in RED; w9 in KEEP; x0 and x1 in RED"

nst reset >"$TEST_TMP/out" 2>&1
is "$?" 0 "reset succeeds"
is "$(cat "$TEST_TMP/out")" "Removed namespaces: RED
Removed links: x0, x1, w9, v1
Put back links: keep1 (from RED)" "reset says what it removed and put back"
is "$(host_links)" "$before_links" "the host has its links from before, keep1 back"
is "$(ip -j link show keep1 | jq -r '.[0].address')" "$keep1_mac" \
	"keep1 is the same bridge (its MAC)"
is "$(ip netns list | cut -d' ' -f1)" "KEEP" "RED is gone, KEEP stays"
is "$(ip -n KEEP -j link | jq -r '.[].ifname')" "lo" \
	"the link nstutor made and moved into KEEP is gone from it"

diag "addresses, routes and neighbours"
nst_script >/dev/null 2>"$TEST_TMP/err" <<'EOF'
ip route replace 10.6.0.0/24 via 10.5.0.3
ip route add 10.8.0.0/24 via 10.5.0.2
ip route replace 10.9.0.0/24 via 10.5.0.2
ip route append 10.6.0.0/24 via 10.5.0.4 metric 5
ip addr add 10.5.0.9/24 dev keep0
ip neigh add 10.5.0.7 lladdr 02:00:00:00:00:07 dev keep0
ip neigh replace 10.5.0.8 lladdr 02:00:00:00:00:88 dev keep0
EOF
ok $? "nstutor changes routes, addresses, neighbours"
is "$(cat "$TEST_TMP/err")" "" "and says nothing on stderr"
is "$(grep -c '^route - ' "$journal")" 3 \
	"the journal has the three routes nstutor made, not the one it replaced"
nst reset >"$TEST_TMP/out" 2>&1
is "$?" 0 "reset succeeds"
is "$(cat "$TEST_TMP/out")" "Removed addresses: 10.5.0.9/24 on keep0
Removed routes: 10.6.0.0/24 via 10.5.0.4, 10.9.0.0/24 via 10.5.0.2, 10.8.0.0/24 via 10.5.0.2
Removed neighbour entries: 10.5.0.7 dev keep0" \
	"reset says what it removed"
is "$(routes host)" "$(sed 's/10.5.0.2$/10.5.0.3/' <<<"$before_routes")" \
	"the route nstutor replaced is still there (with its new gateway)"
is "$(ip -j addr show keep0 | jq -r '.[0].addr_info[] | select(.family == "inet") | .local')" \
	"10.5.0.1" "the real ip's address stays, nstutor's is gone"
is "$(ip -j neigh show dev keep0 | jq -r '.[].dst' | sort | tr '\n' ' ')" "10.5.0.8 " \
	"the neighbour entry nstutor replaced stays, the one it added is gone"

diag "sysctls in a namespace that stays, and one that goes"
nst_script >/dev/null 2>&1 <<'EOF'
ip netns exec KEEP sysctl -w net.ipv4.ip_forward=1
ip netns exec KEEP sysctl -w net.ipv4.ip_forward=0
ip netns exec KEEP sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns add GONE
ip netns exec GONE sysctl -w net.ipv4.ip_forward=1
EOF
is "$(ip netns exec KEEP sysctl -n net.ipv4.conf.all.rp_filter)" 2 "rp_filter is 2 in KEEP"
is "$(nst reset 2>&1)" "Removed namespaces: GONE
Put back: net.ipv4.conf.all.rp_filter = 0" \
	"reset puts back the oldest value of each (ip_forward is 0 already)"
is "$(ip netns exec KEEP sysctl -n net.ipv4.conf.all.rp_filter net.ipv4.ip_forward | tr '\n' ' ')" \
	"0 0 " "KEEP's sysctls are as they were"

diag "links made without a name get the kernel's names"
nst -c 'ip netns add A' -c 'ip -n A link add type veth' -c 'ip -n A link add type bridge' >/dev/null 2>&1
ip netns add B
ip -n B link add type veth
ip -n B link add type bridge
is "$(ip -n A -br link | awk '{print $1}')" "$(ip -n B -br link | awk '{print $1}')" \
	"the same names, in the same order, as the real ip gives"
is "$(grep '^link A ' "$journal")" "link A veth1
link A veth0
link A bridge0" "the journal names them (the kernel names a veth's peer first)"
ip netns del B

diag "reset inside the shell, in a namespace it deletes"
out=$("$NSTUTOR" --world=host -c 'ip netns add RED' -c 'enter RED' -c reset \
	-c 'ip link show lo' 2>&1)
is "$?" 0 "reset and the next command succeed"
like "$out" "RED is gone, so you are back in the host namespace" \
	"the shell says it left the deleted namespace"
like "$out" "Removed namespaces: RED, A" "reset removed RED (and A)"
is "$(ip netns list | cut -d' ' -f1)" KEEP "only KEEP is left"

diag "a failure is said, and the journal kept for another try"
nst -c 'ip netns add STUCK' >/dev/null 2>&1
mount --bind /run/netns/STUCK /run/netns/STUCK # unlink then says EBUSY
nst reset >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
umount /run/netns/STUCK
is "$rc" 1 "reset fails when it cannot delete something"
like "$(cat "$TEST_TMP/err")" "^reset: cannot delete namespace STUCK: " \
	"and says what and why"
like "$(cat "$journal")" "netns STUCK" "the journal is kept"
nst reset >/dev/null 2>&1
ls /run/netns | grep -q STUCK
ok $((! $?)) "a second reset removes it"

diag "Korean"
nst -c 'ip netns add RED' >/dev/null 2>&1
mkdir -p "$TEST_TMP/locale/ko/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/ko/LC_MESSAGES/nstutor.mo" "$top_srcdir/po/ko.po"
like "$(NSTUTOR_LOCALEDIR=$TEST_TMP/locale "$NSTUTOR" --world=host --lang=ko reset 2>&1)" \
	"^지운 네임스페이스: RED$" "reset speaks Korean"

done_testing
