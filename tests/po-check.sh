#!/bin/sh
# po-check.sh: every source using _() is in po/POTFILES.in, and po/ko.po
# translates every message the sources have (none untranslated or fuzzy).
: "${top_srcdir:=.}"
cd "$top_srcdir" || exit 1
n=0 failed=0
check() { # check OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
missing=$(grep -lE '(^|[^A-Za-z0-9_])N?_\(' src/*.c | while read -r f; do
	grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
[ -z "$missing" ]; check $? "every file using _() is in po/POTFILES.in"
[ -n "$missing" ] && echo "# missing: $missing"
for f in $(grep -v '^#' po/POTFILES.in); do
	[ -f "$f" ] || { echo "# POTFILES.in names $f, which does not exist"; missing=1; }
done
pot=$(mktemp) || exit 1
trap 'rm -f "$pot"' EXIT
xgettext -o "$pot" --from-code=UTF-8 -k_ -kN_ -f po/POTFILES.in 2>/dev/null
check $? "xgettext reads every source"
stats=$(msgmerge -q po/ko.po "$pot" -o - 2>/dev/null |
	msgfmt --check --statistics -o /dev/null - 2>&1)
echo "# ko.po against the sources: $stats"
case "$stats" in *untranslated*|*fuzzy*|*rror*|"") r=1 ;; *) r=0 ;; esac
check $r "po/ko.po translates every message"
msgfmt --check -o /dev/null po/ko.po
check $? "po/ko.po is well-formed"
echo "1..$n"
echo "# ko.po against the sources: $stats"
exit $failed
