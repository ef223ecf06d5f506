#!/bin/bash
# lab-speed.sh: how fast nstutor builds the tutorial's bridge lab, next to
# the same lines run as an ip shell script; its startup time and memory.
#
# Usage: bench/lab-speed.sh [NSTUTOR]      (RUNS=N for more than 7 runs)
#
# Everything happens in a throwaway world of its own (unshare -n -m, a
# private tmpfs on /run/netns), never in the machine's network.  Not a
# test: it prints numbers and the targets beside them, and exits 0.
set -u

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${LAB_SPEED_WORLD:-}" ]; then
	nst=${1:-${NSTUTOR:-}}
	for c in "$here/../src/nstutor" "$here/../build/src/nstutor"; do
		[ -n "$nst" ] || { [ -x "$c" ] && nst=$c; }
	done
	[ -x "${nst:-}" ] || { echo "lab-speed: no nstutor binary (give its path)" >&2; exit 2; }
	if [ "$(id -u)" = 0 ]; then flags="-n -m"; else flags="-r -n -m"; fi
	mkdir -p /run/netns 2>/dev/null
	# shellcheck disable=SC2086
	LAB_SPEED_WORLD=1 NSTUTOR=$(readlink -f "$nst") exec unshare $flags \
		--propagation private bash "$0"
fi

mount -t tmpfs lab-speed /run/netns || { echo "lab-speed: no tmpfs on /run/netns" >&2; exit 2; }
ip link set lo up
XDG_STATE_HOME=$(mktemp -d) # the REPL keeps its history there
export NSTUTOR_RUNTIME_DIR=$XDG_STATE_HOME/run # and the world its state
export LC_ALL=C XDG_STATE_HOME
runs=${RUNS:-7}
labs=$here/../tests/labs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$XDG_STATE_HOME"' EXIT

# reset: the world back to nothing but lo (not timed), and a moment for
# the kernel to finish tearing the namespaces down.
reset() {
	local ns dev
	for ns in $(ip netns list | cut -d' ' -f1); do ip netns del "$ns"; done
	for dev in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
		[ "$dev" = lo ] || ip link del "$dev" 2>/dev/null
	done
	sleep 0.3
}

. "$here/timing.sh"

# verdict VALUE TARGET: "ok" when VALUE <= TARGET.
verdict() {
	awk -v v="$1" -v t="$2" 'BEGIN { if (v == "fail") print "FAILED RUN";
		else print (v + 0 <= t + 0) ? "meets target" : "MISSES target" }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "fail" || b == "fail" || b == 0)
		print "fail"; else printf "%.3f\n", a / b }'
}

# compare NAME FILE TARGET: alternating runs of nstutor -f FILE and sh FILE.
compare() {
	local name=$1 file=$2 target=$3 i n_med ip_med r
	: >"$tmp/$name.nst.ms"
	: >"$tmp/$name.ip.ms"
	for i in $(seq "$runs"); do
		if [ $((i % 2)) = 1 ]; then
			reset; ms "$NSTUTOR" --world=host --plain -f "$file" >>"$tmp/$name.nst.ms"
			reset; ms sh "$file" >>"$tmp/$name.ip.ms"
		else
			reset; ms sh "$file" >>"$tmp/$name.ip.ms"
			reset; ms "$NSTUTOR" --world=host --plain -f "$file" >>"$tmp/$name.nst.ms"
		fi
	done
	reset
	n_med=$(median <"$tmp/$name.nst.ms")
	ip_med=$(median <"$tmp/$name.ip.ms")
	r=$(ratio "$n_med" "$ip_med")
	printf '%-34s nstutor %8s ms   ip %8s ms   ratio %6s  (target <= %s: %s)\n' \
		"$name" "$n_med" "$ip_med" "$r" "$target" "$(verdict "$r" "$target")"
	printf '%-34s nstutor runs: %s\n' "" "$(tr '\n' ' ' <"$tmp/$name.nst.ms")"
	printf '%-34s ip runs:      %s\n' "" "$(tr '\n' ' ' <"$tmp/$name.ip.ms")"
}

# first_prompt PROGRAM ARG...: milliseconds from starting PROGRAM on a
# terminal to its first output (nstutor's prompt), median of 11, measured
# by python's pty.
first_prompt() {
	command -v python3 >/dev/null || { echo "n/a"; return; }
	python3 - "$@" <<'EOF'
import os, pty, select, sys, time
times = []
for _ in range(11):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.argv[1], sys.argv[1:])
    t1 = None
    while select.select([fd], [], [], 5)[0]:
        try:
            if os.read(fd, 4096):
                t1 = time.perf_counter()
                break
        except OSError:
            break
    try:
        os.write(fd, b"quit\n")
    except OSError:
        pass
    for _ in range(200):
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    times.append((t1 - t0) * 1000 if t1 else float("inf"))
times.sort()
m = times[len(times) // 2]
print("fail" if m == float("inf") else "%.2f" % m)
EOF
}

# peak_rss_kb CMD...: the maximum resident set size of CMD, in kB.
peak_rss_kb() {
	if [ ! -x /usr/bin/time ]; then
		echo "n/a (install GNU time: apt-get install time)"
		return
	fi
	/usr/bin/time -v "$@" 2>&1 >/dev/null |
		awk -F': ' '/Maximum resident set size/ { print $2 }'
}

echo "nstutor: $NSTUTOR ($("$NSTUTOR" --version 2>/dev/null))"
echo "kernel $(uname -r), $(ip -V), $runs alternating runs each, medians"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs (numbers mean little on a busy machine)"
echo

compare "(a) bridge lab, tutorial lines" "$labs/bridge.nst" 0.6
compare "(b) bridge lab, ends made in place" "$labs/bridge-direct.nst" 0.25
echo

# Starting any program costs something on a busy machine: /bin/true is
# the yardstick printed beside nstutor's own startup.
: >"$tmp/true.ms"
: >"$tmp/help.ms"
for i in $(seq 21); do
	ms /bin/true >>"$tmp/true.ms"
	ms "$NSTUTOR" --world=host --plain -c help >>"$tmp/help.ms"
done
base=$(median <"$tmp/true.ms")
start=$(median <"$tmp/help.ms")
printf '%-34s %8s ms   (the cost of any exec here, for scale)\n' \
	"startup: /bin/true" "$base"
printf '%-34s %8s ms   (target < 10 ms: %s)\n' "startup: nstutor -c help" \
	"$start" "$(verdict "$start" 9.999)"
prompt=$(first_prompt "$NSTUTOR" --world=host)
if [ "$prompt" = n/a ]; then
	printf '%-34s %8s\n' "startup: first prompt on a pty" "n/a (no python3)"
else
	printf '%-34s %8s ms   (the same for /bin/echo, for scale)\n' \
		"startup: first output on a pty" "$(first_prompt /bin/echo ready)"
	printf '%-34s %8s ms   (target < 10 ms: %s)\n' \
		"startup: first prompt on a pty" "$prompt" "$(verdict "$prompt" 9.999)"
fi

reset
rss=$(peak_rss_kb "$NSTUTOR" --world=host --plain -f "$labs/bridge.nst")
case $rss in
[0-9]*) printf '%-34s %8s kB   (target < 8192 kB: %s)\n' \
		"peak RSS: nstutor -f bridge.nst" "$rss" "$(verdict "$rss" 8191)" ;;
*) printf '%-34s %s\n' "peak RSS: nstutor -f bridge.nst" "$rss" ;;
esac
reset
rss=$(peak_rss_kb "$NSTUTOR" --world=host --plain -c help)
case $rss in
[0-9]*) printf '%-34s %8s kB   (target < 8192 kB: %s)\n' \
		"peak RSS: nstutor -c help" "$rss" "$(verdict "$rss" 8191)" ;;
*) printf '%-34s %s\n' "peak RSS: nstutor -c help" "$rss" ;;
esac
exit 0
