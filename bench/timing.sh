# timing.sh: what the bench scripts share (source it from bash).

# ms CMD...: runs CMD once (output thrown away) and prints how long it
# took, in milliseconds; "fail" when it failed.
ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || { echo fail; return; }
	t1=$EPOCHREALTIME
	echo "$t0 $t1" | awk '{ printf "%.2f\n", ($2 - $1) * 1000 }'
}

# median: of the numbers on stdin ("fail" when any run failed).
median() {
	sort -g | awk '/fail/ { f = 1 } { v[NR] = $1 }
		END { if (f || NR == 0) { print "fail"; exit }
		      if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
