#!/bin/sh
# seeds.sh: (re)writes the seed corpora of the fuzz targets from the
# tutorials' command lines and the lessons (tests/fuzz/README).  Run from
# the source tree: sh tests/fuzz/seeds.sh [TUTORIALS_DIR]
# The pkt corpus is not made here (tests/pkt-gen corpus DIR, and real
# frames recorded by tcpdump).
set -eu
cd "$(dirname "$0")/../.."
seeds=${1:-../shared/seeds}
f=tests/fuzz

# put DIR NAME: stdin as DIR/NAME, unless a file there holds the same.
put() {
	mkdir -p "$1"
	cat >"$1/$2"
}

# Every command line the tutorials and the lessons type, one file each.
lines() {
	{
		cat lessons/*.solution lessons/*.solution-real tests/labs/*.nst
		sed -n 's/^try: //p' lessons/*.lesson
		[ -d "$seeds" ] && grep -hoE '(sudo )?(ip|iptables|bridge|sysctl|ping|curl|tcpdump) [^#]*' \
			"$seeds"/* | sed 's/^sudo //; s/[[:space:]]*$//'
	} | grep -v '^#' | grep -v '^ *$' | sort -u
}

n=0
lines | while IFS= read -r line; do
	n=$((n + 1))
	printf '%s' "$line" | put $f/corpus-tokenize "line-$(printf '%03d' $n)"
done
n=0
lines | sed -n 's/^\(ip netns exec [A-Za-z_]* \)\{0,1\}iptables //p' | sort -u |
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s' "$line" | put $f/corpus-ipt "ipt-$(printf '%03d' $n)"
	done
for l in lessons/*.lesson; do
	put $f/corpus-lesson "$(basename "$l" .lesson)" <"$l"
done
# JSON: what --check writes (lesson titles and checks in both languages),
# and strings a file may hold: controls, quotes, invalid UTF-8.
grep -h '^title' lessons/*.lesson | sed 's/^title[.a-z]*: //' | sort -u | head -40 |
	while IFS= read -r t; do
		printf '%s' "$t" | put $f/corpus-json "title-$(printf '%s' "$t" | cksum | cut -d' ' -f1)"
	done
printf 'a "quoted" \\ back\tslash\nnew line\r\b\f' | put $f/corpus-json escapes
printf 'del \177 and \001\037 controls' | put $f/corpus-json controls
printf '\300\200 overlong, \355\240\200 surrogate, \364\220\200\200 too big, \342\202 cut' |
	put $f/corpus-json invalid-utf8
printf 'reth1 이 DOWN 입니다 — ✓ ✗ ◀ 🙂' | put $f/corpus-json korean-and-symbols
