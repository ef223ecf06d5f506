#!/bin/bash
# classroom.sh: contrib/classroom/grade.yml grades a class of three
# "student machines" — three worlds of their own on this machine, each
# reached through a wrapper (nsenter) with ansible_connection=local —
# into one CSV: two finished the bridge lab, one left beth1 down.  Each
# row must say what nstutor --check says in that world.
. "$(dirname "$0")/lib.sh"
need_tools ip jq nsenter
if ! command -v ansible-playbook >/dev/null; then
	echo "1..0 # SKIP ansible-playbook is not installed (Debian: ansible-core)"
	exit 0
fi
. "$top_srcdir/tests/bridge-lab.sh"

# Ansible needs a UTF-8 locale and a place of its own.
export LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 \
	ANSIBLE_LOCAL_TEMP=$TEST_TMP/ansible ANSIBLE_REMOTE_TEMP=$TEST_TMP/ansible \
	ANSIBLE_HOME=$TEST_TMP/ansible ANSIBLE_RETRY_FILES_ENABLED=0 \
	ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_DEPRECATION_WARNINGS=0
keepers=()
world_cleanup() {
	for pid in "${keepers[@]}"; do kill "$pid" 2>/dev/null; done
	nst_cleanup
}
trap world_cleanup EXIT

# make_world NAME: a network and mount namespace held by a keeper, with
# its own /run/netns, and a wrapper that runs nstutor in it as a
# classroom VM does: no --world option, /etc/nstutor.conf saying host.
make_world() {
	local name=$1 pid
	unshare -n -m --propagation private sh -c \
		'mount -t tmpfs w /run/netns && ip link set lo up && exec sleep 600' &
	pid=$!
	keepers+=("$pid")
	for _ in $(seq 50); do
		[ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ] &&
			nsenter -t "$pid" -m test -e /run/netns && break
		sleep 0.1
	done
	printf 'world = host\n' >"$TEST_TMP/$name.conf"
	cat >"$TEST_TMP/$name" <<WRAP
#!/bin/sh
exec nsenter -t $pid -n -m -- env NSTUTOR_CONF=$TEST_TMP/$name.conf \
	$NSTUTOR "\$@"
WRAP
	chmod +x "$TEST_TMP/$name"
}

make_world alice
make_world bob
make_world carol
for w in alice bob carol; do
	lines=$(bridge_lab_lines)
	[ $w = carol ] && lines=$(bridge_lab_lines | grep -v '^ip link set beth1 up$')
	printf '%s\n' "$lines" | "$TEST_TMP/$w" --plain -f - >/dev/null 2>&1
	ok $? "$w: the lab is built in $w's world"
done
is "$(nsenter -t "${keepers[2]}" -n ip -j link show beth1 | jq -r '.[0].operstate')" DOWN \
	"carol's beth1 is down, as the real ip sees it"
is "$(ip netns list)" "" "this test's own world has no namespace (the labs are in theirs)"

cat >"$TEST_TMP/students.ini" <<INV
[students]
alice nstutor_command=$TEST_TMP/alice
carol nstutor_command=$TEST_TMP/carol
bob nstutor_command=$TEST_TMP/bob

[students:vars]
ansible_connection=local
INV

# grade LESSON CSV: runs the playbook; its output in $TEST_TMP/play.log.
grade() {
	ansible-playbook -i "$TEST_TMP/students.ini" \
		"$top_srcdir/contrib/classroom/grade.yml" \
		-e lesson="$1" -e csv="$2" >"$TEST_TMP/play.log" 2>&1
}

csv=$TEST_TMP/bridge.csv
grade bridge "$csv"
status=$?
is "$status" 0 "ansible-playbook grade.yml -e lesson=bridge succeeds"
[ "$status" = 0 ] || sed 's/^/#   /' "$TEST_TMP/play.log" | tail -30
sed 's/^/# /' "$csv"
is "$(head -1 "$csv")" "host,lesson,passed,total,first_failing_step" "the CSV's header"
is "$(tail -n +2 "$csv" | cut -d, -f1 | tr '\n' ' ')" "alice bob carol " \
	"one row per student, sorted by host"
for w in alice bob carol; do
	json=$("$TEST_TMP/$w" --check bridge --format=json)
	want=$(jq -r '"\(.lesson),\(.passed),\(.total),\([.steps[] | select(.ok | not) | .id][0] // "")"' <<<"$json")
	is "$(grep "^$w," "$csv" | cut -d, -f2-)" "$want" "$w's row is what --check says in $w's world ($want)"
done
row() { grep "^$1," "$csv" | cut -d, -f"$2"; }
ok $([ "$(row alice 3)" = "$(row alice 4)" ] && [ -n "$(row alice 3)" ]; echo $?) "alice passed every step"
ok $([ "$(row bob 3)" = "$(row bob 4)" ]; echo $?) "bob passed every step"
ok $([ "$(row carol 3)" -lt "$(row carol 4)" ]; echo $?) "carol did not"
like "$(row carol 5)" "^[a-z-]+$" "carol's first failing step is named ($(row carol 5))"

# lesson all: one row per lesson per student
csv=$TEST_TMP/all.csv
grade all "$csv"
is "$?" 0 "ansible-playbook grade.yml -e lesson=all succeeds"
nlessons=$(ls "$top_srcdir"/lessons/*.lesson | wc -l)
is "$(tail -n +2 "$csv" | wc -l)" "$((3 * nlessons))" "lesson=all: a row for each of the $nlessons lessons of each student"
is "$(grep -c '^alice,' "$csv")" "$nlessons" "lesson=all: alice has $nlessons rows"
is "$(grep '^carol,bridge,' "$csv")" "$(grep '^carol,' "$TEST_TMP/bridge.csv")" \
	"lesson=all: carol's bridge row is the same as lesson=bridge's"

# a lesson there is not: every row says why it could not be graded
csv=$TEST_TMP/none.csv
grade no-such-lesson "$csv"
is "$?" 0 "a lesson that does not exist is no Ansible failure"
is "$(tail -n +2 "$csv" | cut -d, -f1-4 | tr '\n' ' ')" \
	"alice,no-such-lesson,, bob,no-such-lesson,, carol,no-such-lesson,, " \
	"every student's row has no grade"
sed 's/^/# /' "$csv"
like "$(grep '^bob,' "$csv")" '"?could not grade: .*no-such-lesson' "the reason is nstutor's own words"

# the worlds were only read: carol's beth1 is still down, nothing new
is "$(nsenter -t "${keepers[2]}" -n ip -j link show beth1 | jq -r '.[0].operstate')" DOWN \
	"grading changed nothing in carol's world"
done_testing

