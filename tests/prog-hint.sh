#!/bin/bash
# prog-hint.sh: the tutorials' lines that need what the lab does not have —
# nginx, "python3 -m http.server", apt, systemctl (tutorial 001) and
# "ping 8.8.8.8" (tutorials 000, 002).  Typed at the prompt, after "ip
# netns exec NS" (when the machine has no such program) or after sudo,
# they get more than "command not found": a hint that names the built-in
# "serve http PORT" or says nothing needs installing or starting, and for
# ping, that the lab has no way out of the machine and where its internet
# is.  Each hint is true of the world it is given in.
. "${top_srcdir:-.}/tests/lib.sh"

host_red_lab

# No program of these names: "ip netns exec" finds none (PATH empty).
mkdir -p "$TEST_TMP/empty" "$TEST_TMP/bin"

# hinted DESC CMD FIRST HINT [PATH]: nstutor's CMD fails, the first line
# of its stderr is FIRST, and a hint line matches the ERE HINT.
hinted() {
	local desc=$1 cmd=$2 first=$3 hint=$4 path=${5:-$PATH} err
	PATH=$path "$NSTUTOR" --world="$NST_WORLD" -c "$cmd" >/dev/null 2>"$TEST_TMP/err"
	ok $((! $?)) "$desc: fails"
	err=$(cat "$TEST_TMP/err")
	is "$(head -1 <<<"$err")" "$first" "$desc: says $first"
	has_line "$err" "hint: $hint" "$desc: the hint says what to do instead"
}

web='nstutor has a web server of its own, nothing to install:'
install='Nothing needs installing here: nstutor itself carries out ip, iptables, ping, tcpdump and curl, and "serve http PORT" is its web server\.'
service='Nothing needs starting or stopping here: no lesson needs a service; .*"serve http PORT".*"serve stop"\.'

# --- at the prompt -------------------------------------------------------

hinted "nginx (tutorial 001)" "nginx -g 'daemon off;'" "nginx: command not found" \
	"$web serve http 80 \\(\"serve stop\" ends it\\)\\."
hinted "python3 -m http.server 8080" "python3 -m http.server 8080" \
	"python3: command not found" "$web serve http 8080 .*"
hinted "python -m http.server" "python -m http.server" \
	"python: command not found" "$web serve http 8000 .*"
hinted "python3 -m http.server --bind 0.0.0.0 9000" \
	"python3 -m http.server --bind 0.0.0.0 9000" \
	"python3: command not found" "$web serve http 9000 .*"
hinted "python3 -m SimpleHTTPServer" "python3 -m SimpleHTTPServer" \
	"python3: command not found" "$web serve http 8000 .*"
hinted "apt updage (tutorial 001)" "apt updage" "apt: command not found" "$install"
hinted "apt install nginx-core" "apt install nginx-core" "apt: command not found" "$install"
hinted "apt-get update" "apt-get update" "apt-get: command not found" "$install"
hinted "sudo apt install nginx-core" "sudo apt install nginx-core" \
	"apt: command not found" "$install"
hinted "systemctl stop nginx" "systemctl stop nginx" "systemctl: command not found" "$service"
hinted "sudo systemctl disable nginx" "sudo systemctl disable nginx" \
	"systemctl: command not found" "$service"
hinted "service nginx start" "service nginx start" "service: command not found" "$service"
hinted "docker run" "docker run -it ubuntu" "docker: command not found" \
	'The lab is made of network namespaces, not containers: .*'
# Other programs of the machine run in the world's real shell: python
# running a script is no web server.
machine='is a program of this machine, not one of nstutor.s commands: "shell -- %s \.\.\." runs it inside the world \("ip netns exec NS %s \.\.\." inside a namespace\)\.'
hinted "python3 script.py" "python3 script.py" "python3: command not found" \
	"python3 $(printf "$machine" python3 python3)"
hinted "tar (tutorial 003's setup)" "tar xf go1.15.7.linux-amd64.tar.gz" "tar: command not found" \
	"tar $(printf "$machine" tar tar)"
# a shell's own words
shellword='belongs to a real shell, and nstutor.s is not one \(it keeps no directory or variables\): "shell" opens a real shell inside the world, where %s works\.'
hinted "cd /tmp (tutorial 003)" "cd /tmp" "cd: command not found" "cd $(printf "$shellword" cd)"
hinted "export" "export PATH=/sbin" "export: command not found" "export $(printf "$shellword" export)"
# and a word that is nothing keeps the plain hint
hinted "nosuchprogram" "nosuchprogram" "nosuchprogram: command not found" \
	'Type "help" to see the commands nstutor knows\.'
hinted "enter RED, then nginx" "enter RED; nginx" "nginx: command not found" \
	"$web serve http 80 .*"

# --- after ip netns exec: the real program when there is one -------------

hinted "ip netns exec RED nginx" "ip netns exec RED nginx -g 'daemon off;'" \
	'exec of "nginx" failed: No such file or directory' \
	"$web ip netns exec RED serve http 80 \\(\"serve stop\" ends it\\)\\." "$TEST_TMP/empty"
hinted "ip netns exec RED python3 -m http.server 8080" \
	"ip netns exec RED python3 -m http.server 8080" \
	'exec of "python3" failed: No such file or directory' \
	"$web ip netns exec RED serve http 8080 .*" "$TEST_TMP/empty"
hinted "ip netns exec RED apt-get install nginx" "ip netns exec RED apt-get install nginx" \
	'exec of "apt-get" failed: No such file or directory' "$install" "$TEST_TMP/empty"
hinted "ip netns exec RED systemctl start nginx" "ip netns exec RED systemctl start nginx" \
	'exec of "systemctl" failed: No such file or directory' "$service" "$TEST_TMP/empty"
hinted "ip netns exec RED sudo nginx" "ip netns exec RED sudo nginx" \
	'exec of "sudo" failed: No such file or directory' \
	"$web ip netns exec RED serve http 80 .*" "$TEST_TMP/empty"
hinted "ip netns exec RED nosuchprogram" "ip netns exec RED nosuchprogram" \
	'exec of "nosuchprogram" failed: No such file or directory' \
	'There is no program "nosuchprogram" on this machine; .*' "$TEST_TMP/empty"

# A machine that has nginx runs it (DESIGN.md §2), without a hint.
printf '#!/bin/sh\necho "the real nginx $*"\n' >"$TEST_TMP/bin/nginx"
chmod 755 "$TEST_TMP/bin/nginx"
out=$(PATH=$TEST_TMP/bin:$PATH "$NSTUTOR" --world="$NST_WORLD" -c \
	"ip netns exec RED nginx -g 'daemon off;'" 2>&1)
is "$out" "the real nginx -g daemon off;" "ip netns exec RED nginx runs the machine's nginx"

# The command the hint names works there.
cmd=$(PATH=$TEST_TMP/empty "$NSTUTOR" --world="$NST_WORLD" -c \
	"ip netns exec RED nginx" 2>&1 | sed -n 's/^hint: .*install: \(.*\) ("serve stop" ends it)\.$/\1/p')
is "$cmd" "ip netns exec RED serve http 80" "the hint names a command"
like "$(nst -c "$cmd" 2>&1)" "^Serving HTTP on 0\\.0\\.0\\.0 port 80 in RED " \
	"which starts the web server in RED"
nst -c 'serve stop' >/dev/null 2>&1
ok $? "serve stop ends it"

# --- ping 8.8.8.8 --------------------------------------------------------

# outside ADDR: the hint (or note) for ADDR, outside the lab, in this world.
outside() {
	local a=${1//./\\.}
	if [ "$NST_WORLD" = sandbox ]; then
		echo "$a is outside the lab, and a sandbox world has no way out of this machine, by design; the lessons' internet is the namespace \"internet\" \\(203\\.0\\.113\\.8 in the masquerade lesson\\)\\."
	else
		echo "$a is outside the lab, and the lessons never leave this machine; their internet is the namespace \"internet\" \\(203\\.0\\.113\\.8 in the masquerade lesson\\)\\."
	fi
}
hinted "ping 8.8.8.8 (tutorials 000, 002)" "ping -c 1 8.8.8.8" \
	"ping: connect: Network is unreachable" "$(outside 8.8.8.8)"
hinted "ip netns exec RED ping 8.8.8.8" "ip netns exec RED ping -c 1 8.8.8.8" \
	"ping: connect: Network is unreachable" "$(outside 8.8.8.8)"

# An address a namespace of the world has keeps the hint about routes.
in_ns host ip netns add internet
in_ns internet ip link set lo up
in_ns internet ip addr add 203.0.113.8/32 dev lo
hinted "ping an address of the internet namespace" "ip netns exec RED ping -c 1 203.0.113.8" \
	"ping: connect: Network is unreachable" \
	'Namespace RED has no route to 203\.0\.113\.8: give it an address in that subnet or a default route\.'
hinted "ping an address in no subnet of the world" "ip netns exec RED ping -c 1 11.11.12.9" \
	"ping: connect: Network is unreachable" "$(outside 11.11.12.9)"
in_ns host ip addr add 11.11.12.1/24 dev veth0
hinted "once the host has that subnet" "ip netns exec RED ping -c 1 11.11.12.9" \
	"ping: connect: Network is unreachable" \
	'Namespace RED has no route to 11\.11\.12\.9: give it an address in that subnet or a default route\.'

# RED routes through the host, which has no way further: the host says
# "Destination Net Unreachable", and the note after says why.
in_ns RED ip route add default via 11.11.11.1
in_ns host sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0 # an error each time
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED ping -c 1 -W 2 8.8.8.8' 2>&1)
has_line "$out" 'From 11\.11\.11\.1 icmp_seq=1 Destination Net Unreachable' \
	"RED -> 8.8.8.8 through the host: the host says it cannot go further"
has_line "$out" "# $(outside 8.8.8.8)" "and a note says 8.8.8.8 is outside the lab"
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED ping -c 1 -W 2 11.11.13.9' 2>&1)
has_line "$out" "# $(outside 11.11.13.9)" "so is any address outside every subnet of the world"
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED ping -c 1 -W 2 203.0.113.8' 2>&1)
has_line "$out" '# A router on the way said the destination cannot be reached; look at its routes\.' \
	"an address of the internet namespace keeps the note about routes"
# With forwarding off the host drops RED's request without a word (tutorial
# 002's "ip netns exec blue ping 8.8.8.8"): the note still says why.
in_ns host sysctl -qw net.ipv4.ip_forward=0
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED ping -c 1 -W 1 8.8.8.8' 2>&1)
unlike "$out" 'Unreachable' "RED -> 8.8.8.8, the host not forwarding: no error comes back"
has_line "$out" "# $(outside 8.8.8.8)" "and the note says 8.8.8.8 is outside the lab"
unlike "$out" 'No reply came back' "not that a firewall or a route back lost it"
# A lab address not set yet keeps its own note (11.11.11.0/24 is tutorial 003's)
in_ns host ip addr del 11.11.12.1/24 dev veth0
out=$("$NSTUTOR" --world="$NST_WORLD" -c 'ip netns exec RED ping -c 1 -W 1 11.11.11.7' 2>&1)
unlike "$out" 'outside the lab' "11.11.11.7, no one's yet: not called outside the lab"

done_testing
