#!/bin/bash
# sandbox.sh: the sandbox world of an unprivileged user (nobody): made by
# the first nstutor, joined by the next, seen by the real ip through
# "nstutor shell", ended by "world stop"; the machine never changes.  Also
# stale records, the lock, and every way making a world can fail.
NST_WORLD=sandbox NST_USER=nobody
. "${top_srcdir:-.}/tests/lib.sh"

record="$NSTUTOR_RUNTIME_DIR/sandbox"
keeper() { awk '$1 == "pid" {print $2}' "$record" 2>/dev/null; }
# alive PID: the process runs (a zombie has ended).
alive() { [ -n "$1" ] && grep -qP '^State:\s*[^ZX\s]' "/proc/$1/status" 2>/dev/null; }
machine() { ip -d -j link show | jq -c 'map(del(.stats64, .stats))'; ip netns list; ls -a /run/netns; }

machine_before=$(machine)

# --- made by the first nstutor, joined by the next -------------------
out=$(nstutor_ --plain -c 'ip netns add RED' \
	-c 'ip link add veth0 type veth peer name veth1' 2>&1)
is "$?:$out" "0:" "nobody: ip netns add RED and a veth pair, like ip, print nothing"
ok "$(test -f "$record"; echo $?)" "the world's record is in the state directory"
pid=$(keeper)
alive "$pid"
ok $? "its keeper (pid $pid) runs"
is "$(ps -o user= -p "$pid" 2>/dev/null)" nobody "the keeper is nobody's"
is "$(cat "/proc/$pid/comm" 2>/dev/null)" nstutor-world "the keeper is called nstutor-world"
is "$(for fd in /proc/$pid/fd/*; do readlink "$fd"; done | sort | tr '\n' ' ')" \
	"/dev/null /dev/null /dev/null anon_inode:inotify " \
	"the keeper holds no file of nstutor's: /dev/null, and its watch on the record"
is "$(stat -c %a "$NSTUTOR_RUNTIME_DIR")" 700 "the state directory is nobody's alone"

out=$(nstutor_ --plain -c 'ip netns list')
is "$out" "RED" "a second nstutor joins the same world: ip netns list shows RED"
is "$(nstutor_ --plain -c 'ip -br link' | awk '{print $1}' | tr '\n' ' ')" \
	"lo veth1@veth0 veth0@veth1 " "and sees the veth pair in the world's host"
is "$(machine)" "$machine_before" "the machine's own ip link, ip netns list and /run/netns are unchanged"

# --- the real tools inside the world ---------------------------------
out=$(nstutor_ --plain shell RED -- ip -br link)
like "$out" "^lo +DOWN" "nstutor shell RED -- ip -br link: the real ip sees RED's lo"
is "$(nstutor_ --plain shell -- ip -j link show | jq -r '.[].ifname' | sort | tr '\n' ' ')" \
	"lo veth0 veth1 " "nstutor shell -- ip: the real ip sees the world's host"
is "$(nstutor_ --plain shell -- ip netns list | cut -d' ' -f1)" "RED" \
	"the real ip netns list inside the world sees RED"
is "$(nstutor_ --plain shell -- ls /sys/class/net | tr '\n' ' ')" "lo veth0 veth1 " \
	"/sys/class/net inside the world shows the world's links"
is "$(nstutor_ --plain shell -- ls /run | grep -v '^netns$')" "$(ls /run | grep -v '^netns$')" \
	"the world's /run shows the machine's /run, but for netns"
is "$(nstutor_ --plain shell RED -- sh -c 'echo "$NSTUTOR_WORLD $NSTUTOR_NETNS $(id -u)"')" \
	"sandbox RED 0" "the shell says where it is: NSTUTOR_WORLD, NSTUTOR_NETNS (root inside)"
nstutor_ --plain shell RED -- sh -c 'exit 3' >/dev/null 2>&1
is "$?" 3 "shell -- CMD leaves with CMD's exit status"
out=$(nstutor_ --plain shell NOPE -- true 2>&1)
is "$?:$out" '1:Cannot open network namespace "NOPE": No such file or directory' \
	"shell NOPE: iproute2's error"
out=$(nstutor_ shell RED ip a 2>&1)
is "$?:$out" '1:shell: unexpected "ip"
hint: Put "--" before a command to run: shell RED -- ip -br link' \
	"shell RED ip a: says to put -- first"
out=$(nstutor_ shell RED -- 2>&1)
like "$?:$out" '^1:shell: no command after "--"' "shell RED --: no command"

# --- world status ------------------------------------------------------
out=$(nstutor_ world status 2>&1)
like "$out" "^World: +sandbox" "world status names the sandbox"
like "$out" "Keeper: +pid $pid, in a user namespace of its own" "and its keeper"
like "$out" "Namespaces: 1" "and how many namespaces"
like "$out" $'\nRED\nlo ' "and RED's links"
like "$out" "veth0@veth1 +DOWN" "and the host's links"

# --- the lock: nstutors started at once make one world -----------------
for i in 1 2 3 4 5 6; do nstutor_ --plain -c "ip netns add N$i" & done
wait
is "$(nstutor_ --plain -c 'ip netns list' | sort | tr '\n' ' ')" "N1 N2 N3 N4 N5 N6 RED " \
	"six nstutors at once all joined the one world"
is "$(keeper)" "$pid" "and its keeper is still the same"

# --- world stop ---------------------------------------------------------
out=$(nstutor_ world stop 2>&1)
is "$?" 0 "world stop succeeds"
like "$out" "The sandbox world has ended" "and says so"
alive "$pid"
ok $((! $?)) "the keeper has ended"
ok "$(test ! -e "$record" && test ! -e "$NSTUTOR_RUNTIME_DIR/sandbox.journal"; echo $?)" \
	"the record and the journal are gone"
is "$(machine)" "$machine_before" "the machine is as it was"
out=$(nstutor_ world status 2>&1)
is "$?:$out" "0:# No sandbox world is running; the next nstutor makes one." \
	"world status: no world"
out=$(nstutor_ --plain world stop 2>&1)
is "$?:$out" "0:" "world stop without a world does nothing"
is "$(nstutor_ --plain -c 'ip netns list' -c 'ip -br link' | awk '{print $1}')" "lo" \
	"the next nstutor makes a new, empty world"
ok "$([ "$(keeper)" != "$pid" ]; echo $?)" "with a keeper of its own"

# --- a killed keeper: the record is stale, never joined -----------------
pid=$(keeper)
nstutor_ -c 'ip netns add GONE' >/dev/null
kill -9 "$pid"
while alive "$pid"; do sleep 0.01; done
out=$(nstutor_ --plain -c 'ip netns list' 2>"$TEST_TMP/err")
is "$?:$out" "0:" "after kill -9 of the keeper, nstutor makes a new, empty world"
like "$(head -1 "$TEST_TMP/err")" "keeper \\(pid $pid\\) is gone, and the lab with it" \
	"and says the old one is gone"
new=$(keeper)
alive "$new"
ok $? "a new keeper runs"

# A record naming a live process that is not the keeper: pid reused.
stat_start() { awk '{sub(/.*\) /, ""); print $20}' "/proc/$1/stat"; }
ino() { stat -L -c %i "/proc/$1/ns/$2"; }
nstutor_ world stop >/dev/null
sleep 300 &
decoy=$!
printf 'pid %s\nstart %s\nuser 0\nnet %s\nmnt %s\nsince 0\n' "$decoy" \
	"$(stat_start $decoy)" "$(ino $decoy net)" "$(ino $decoy mnt)" >"$record"
chown nobody: "$record"
nstutor_ --plain -c 'ip netns add X' 2>"$TEST_TMP/err"
like "$(cat "$TEST_TMP/err")" "keeper \\(pid $decoy\\) is gone" \
	"a record whose pid is another user's process is stale"
ok "$([ "$(keeper)" != "$decoy" ]; echo $?)" "it is replaced, not joined"
is "$(ip netns list)" "" "and nothing reached the decoy's namespaces"
kill "$decoy"
nstutor_ world stop >/dev/null

# As root, the same process and start time but other namespaces: stale.
root_run="$TEST_TMP/run-root"
mkdir -m 700 "$root_run"
sleep 300 &
decoy=$!
printf 'pid %s\nstart %s\nuser 0\nnet 1\nmnt %s\nsince 0\n' "$decoy" \
	"$(stat_start $decoy)" "$(ino $decoy mnt)" >"$root_run/sandbox"
NSTUTOR_RUNTIME_DIR=$root_run "$NSTUTOR" --plain -c 'ip netns add Y' 2>"$TEST_TMP/err"
like "$(cat "$TEST_TMP/err")" "keeper \\(pid $decoy\\) is gone" \
	"root: a live process whose namespaces are not the record's is stale"
is "$(ip netns list)" "" "and is never joined"
echo garbage >"$root_run/sandbox"
NSTUTOR_RUNTIME_DIR=$root_run "$NSTUTOR" --plain -c 'ip netns list' >/dev/null 2>"$TEST_TMP/err"
like "$(cat "$TEST_TMP/err")" "is gone" "a garbled record is stale too"
like "$(cat "$root_run/sandbox")" "^pid [0-9]+" "and is replaced by a good one"
NSTUTOR_RUNTIME_DIR=$root_run "$NSTUTOR" world stop >/dev/null
kill "$decoy"

# --- a removed state directory (a logout, a cleanup) ends the world ---
gone_run="$TEST_TMP/run-gone"
mkdir -m 700 "$gone_run"
NSTUTOR_RUNTIME_DIR=$gone_run "$NSTUTOR" -c 'ip netns add Z' >/dev/null
pid=$(awk '$1 == "pid" {print $2}' "$gone_run/sandbox")
alive "$pid"
ok $? "a root sandbox world's keeper runs (pid $pid)"
rm -rf "$gone_run"
for _ in $(seq 100); do alive "$pid" || break; sleep 0.01; done
alive "$pid"
ok $((! $?)) "removing its state directory ends the keeper"

# --- what goes wrong, said plainly --------------------------------------
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
	env -u NSTUTOR_RUNTIME_DIR -u XDG_RUNTIME_DIR "$NSTUTOR" -c 'ip netns list' 2>&1)
is "$?" 2 "without XDG_RUNTIME_DIR: exit status 2"
like "$out" "^nstutor: XDG_RUNTIME_DIR is not set" "and says it is not set"
like "$out" "hint: .*export XDG_RUNTIME_DIR" "and what to do"

mkdir -m 700 "$TEST_TMP/roots"
out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
	env NSTUTOR_RUNTIME_DIR="$TEST_TMP/roots" "$NSTUTOR" -c 'ip netns list' 2>&1)
is "$?" 2 "another user's state directory: exit status 2"
like "$out" "roots belongs to another user \\(uid 0\\)" "and says whose it is"

out=$(nstutor_ --world=host -c 'ip netns list' 2>&1)
is "$?" 2 "nobody in the host world: exit status 2"
like "$out" "the host world needs CAP_NET_ADMIN" "the host world needs CAP_NET_ADMIN"
like "$out" "hint: Without --world=host, nstutor makes a private sandbox world" \
	"and points to the sandbox"

# User namespaces not allowed: user.max_user_namespaces=0 in a user
# namespace of the test's own (never on the machine itself).
unshare -U sleep 300 &
holder=$!
for _ in $(seq 100); do
	[ "$(readlink /proc/$holder/ns/user)" != "$(readlink /proc/self/ns/user)" ] && break
	sleep 0.01
done
echo "0 0 65536" >"/proc/$holder/uid_map"
echo "0 0 65536" >"/proc/$holder/gid_map"
out=$(nsenter -t "$holder" -U sh -c 'echo 0 >/proc/sys/user/max_user_namespaces &&
	exec "$@"' sh "${NST_AS[@]}" "$NSTUTOR" -c 'ip netns list' 2>&1)
is "$?" 2 "user namespaces not allowed: exit status 2"
like "$out" "cannot make a sandbox world: this machine does not allow user namespaces" \
	"says user namespaces are not allowed"
like "$out" "hint: The limit user.max_user_namespaces is 0" "and names the limit"
kill "$holder"

done_testing
