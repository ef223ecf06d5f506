#!/bin/bash
# smoke.sh: nstutor starts, answers --help/--version, and refuses nonsense.
. "${top_srcdir:-.}/tests/lib.sh"

out=$("$NSTUTOR" --version)
like "$out" '^nstutor [0-9]' "--version names the version"
"$NSTUTOR" --help | grep -q -- '--world'
ok $? "--help lists --world"
"$NSTUTOR" --bogus 2>/dev/null
is "$?" 2 "an unknown option exits 2"
"$NSTUTOR" --world=moon -c help >/dev/null 2>&1
is "$?" 2 "an unknown world exits 2"
nst -c 'no-such-command' 2>"$TEST_TMP/err"
is "$?" 1 "an unknown command exits 1"
like "$(cat "$TEST_TMP/err")" 'no-such-command: command not found' "and says so"
echo 'help' | nst >/dev/null
ok $? "commands are read from stdin"
is "$(nst -c 'ip -- link show lo')" "$(ip -- link show lo)" "ip -- ends ip's options"
done_testing
