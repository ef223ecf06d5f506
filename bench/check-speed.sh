#!/bin/bash
# check-speed.sh: how long grading takes, for a classroom.
#
#   bench/check-speed.sh build/src/nstutor      # RUNS=N (default 21)
#
# In a throwaway world (unshare -n -m, a tmpfs on /run/netns) it builds
# the tutorials' bridge lab (tests/bridge-lab.sh) and times, start to
# exit, `nstutor --world=host --check bridge` (its reachability probes
# included) and `nstutor --world=host --check all`, with the source
# tree's lessons.  It prints the medians beside the targets (< 30 ms and
# < 150 ms), every run, the CPU time (user + system, which a busy
# machine does not inflate), and the exit statuses (--check all fails
# the other lessons' steps on a bridge lab: that is graded too, and
# timed).
# Not a test: it exits 0.
set -u
. "$(cd "$(dirname "$0")" && pwd)/timing.sh"
bench_world "$@"
NSTUTOR=${1:-${NSTUTOR:?give the nstutor binary}}
RUNS=${RUNS:-21}
export NSTUTOR_LESSONS=${NSTUTOR_LESSONS:-$bench_dir/../lessons}
export LC_ALL=C

bench_bridge_lab
NSTUTOR_RUNTIME_DIR=$(mktemp -d)
XDG_DATA_HOME=$NSTUTOR_RUNTIME_DIR/data # no lessons of the user's own
export NSTUTOR_RUNTIME_DIR XDG_DATA_HOME
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$NSTUTOR_RUNTIME_DIR"' EXIT
sleep 0.5 # IPv6 autoconfiguration settles; the first ping learns ARP

# ms_any CMD...: like ms, but a failing grade (exit 1) is a result too.
ms_any() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1
	[ $? -le 1 ] || { echo fail; return; }
	t1=$EPOCHREALTIME
	echo "$t0 $t1" | awk '{ printf "%.2f\n", ($2 - $1) * 1000 }'
}

# cpu_ms CMD...: the CPU time (user + system) CMD took, in milliseconds,
# from getrusage: on a busy machine, the number that does not grow with
# the load ("n/a" without python3; the system's, not a pyenv shim, whose
# own shell would count).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
cpu_ms() {
	[ -n "$py" ] || { echo n/a; return; }
	"$py" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f" % ((r.ru_utime + r.ru_stime) * 1000))' "$@"
}

verdict() {
	awk -v v="$1" -v t="$2" 'BEGIN { if (v == "fail") print "FAILED RUN";
		else print (v + 0 < t + 0) ? "meets target" : "MISSES target" }'
}

# bench NAME TARGET ARGS...: RUNS runs of nstutor ARGS, the median.
bench() {
	local name=$1 target=$2 med status
	shift 2
	"$NSTUTOR" "$@" >"$tmp/out" 2>&1
	status=$?
	: >"$tmp/ms"
	: >"$tmp/cpu"
	for _ in $(seq "$RUNS"); do
		ms_any "$NSTUTOR" "$@" >>"$tmp/ms"
		cpu_ms "$NSTUTOR" "$@" >>"$tmp/cpu"
	done
	med=$(median <"$tmp/ms")
	printf '%-22s %8s ms   (target < %s ms: %s; exit %s, %s)\n' "$name" "$med" \
		"$target" "$(verdict "$med" "$target")" "$status" \
		"$(tail -1 "$tmp/out")"
	printf '%-22s runs: %s\n' "" "$(tr '\n' ' ' <"$tmp/ms")"
	printf '%-22s CPU (user+sys) median %s ms\n' "" "$(median <"$tmp/cpu")"
}

echo "nstutor: $NSTUTOR ($("$NSTUTOR" --version 2>/dev/null)), lessons in $NSTUTOR_LESSONS"
echo "kernel $(uname -r), $RUNS runs each, medians; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
: >"$tmp/true.ms"
for _ in $(seq "$RUNS"); do ms /bin/true >>"$tmp/true.ms"; done
printf '%-22s %8s ms   (the cost of any exec here, for scale)\n' "/bin/true" \
	"$(median <"$tmp/true.ms")"
: >"$tmp/help.ms"
: >"$tmp/help.cpu"
for _ in $(seq "$RUNS"); do
	ms "$NSTUTOR" --world=host -c help >>"$tmp/help.ms"
	cpu_ms "$NSTUTOR" --world=host -c help >>"$tmp/help.cpu"
done
printf '%-22s %8s ms   (nstutor starting and ending, for scale; CPU %s ms)\n' \
	"nstutor -c help" "$(median <"$tmp/help.ms")" "$(median <"$tmp/help.cpu")"
bench "--check bridge" 30 --world=host --check bridge
bench "--check all" 150 --world=host --check all

# Starting a lesson, its setup included (masquerade's: 31 lines, three
# namespaces), each run in a fresh world of its own (a nested unshare,
# not timed) and with no progress kept.
export XDG_STATE_HOME=$tmp/state
: >"$tmp/lesson.ms"
for _ in $(seq "$RUNS"); do
	rm -rf "$XDG_STATE_HOME"
	unshare -n -m --propagation private bash -c '
		mount -t tmpfs none /run/netns && ip link set lo up || exit 1
		t0=$EPOCHREALTIME
		"$0" --world=host -c "lesson masquerade" >/dev/null 2>&1 || { echo fail; exit; }
		t1=$EPOCHREALTIME
		echo "$t0 $t1" | awk "{ printf \"%.2f\\n\", (\$2 - \$1) * 1000 }"' \
		"$NSTUTOR" >>"$tmp/lesson.ms"
done
med=$(median <"$tmp/lesson.ms")
printf '%-22s %8s ms   (target < 50 ms: %s)\n' "lesson masquerade" "$med" \
	"$(verdict "$med" 50)"
printf '%-22s runs: %s\n' "" "$(tr '\n' ' ' <"$tmp/lesson.ms")"
exit 0
