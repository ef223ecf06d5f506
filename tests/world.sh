#!/bin/bash
# world.sh: the host world needs CAP_NET_ADMIN and says so clearly.
. "${top_srcdir:-.}/tests/lib.sh"

if [ "$(id -u)" = 0 ]; then
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_nobody() { "$@"; }
fi
err=$(as_nobody "$NSTUTOR" --world=host -c 'ip netns add RED' 2>&1)
is "$?" 2 "without CAP_NET_ADMIN the host world cannot be opened (exit 2)"
like "$err" 'CAP_NET_ADMIN' "and the error names the capability"
like "$err" 'hint: .*sandbox' "and the hint points to the sandbox"
is "$(ip netns list)" "" "nothing was made"
out=$(nst -c 'help')
is "$?" 0 "with it, the host world opens"
done_testing
