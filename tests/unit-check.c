/* unit-check.c: reading lesson checks: every kind, good and bad, and the
 * words that say what was expected. */
#include "system.h"

#include "check.h"
#include "tap.h"

/* line parses, as kind, with argc words and negate as given. */
static void good(const char *line, enum check_kind kind, int argc,
		 bool negate)
{
	struct check c;
	char *error = NULL;
	int r = check_parse(line, &c, &error);

	ok(r == 0 && c.kind == kind && c.argc == argc && c.negate == negate &&
	   c.text && streq(c.text, line),
	   "reads '%s'", line);
	if (r < 0)
		printf("#   error: %s\n", error ? error : "(none)");
	else
		check_free(&c);
	free(error);
}

/* line is refused with exactly want. */
static void bad(const char *line, const char *want)
{
	struct check c;
	char *error = NULL;
	int r = check_parse(line, &c, &error);

	ok(r == -EINVAL, "refuses '%s'", line);
	is_str(error, want, "  saying what was expected");
	if (r == 0)
		check_free(&c);
	free(error);
}

static void words(void)
{
	struct check c;
	char *error = NULL;

	ok(check_parse("  !  link\tRED  reth0   up ", &c, &error) == 0,
	   "blanks and tabs split words");
	ok(c.negate && c.argc == 3 && streq(c.argv[0], "RED") &&
	   streq(c.argv[1], "reth0") && streq(c.argv[2], "up"),
	   "  the words are RED reth0 up, negated");
	check_free(&c);
	ok(check_parse("!ping RED 11.11.11.3", &c, &error) == 0 && c.negate &&
	   c.kind == CHECK_PING && check_probes(&c),
	   "!ping: negated, and it probes");
	check_free(&c);
	ok(check_parse("netns RED", &c, &error) == 0 && !check_probes(&c),
	   "netns does not probe");
	check_free(&c);
	ok(check_parse("http RED http://a/ two words", &c, &error) == 0 &&
	   check_probes(&c) && c.argc == 4, "http probes, TEXT keeps its words");
	check_free(&c);
}

int main(void)
{
	words();

	good("netns RED", CHECK_NETNS, 1, false);
	good("netns host", CHECK_NETNS, 1, false);
	good("!netns BLUE", CHECK_NETNS, 1, true);
	bad("netns", "netns needs NS, like: netns RED");
	bad("netns RED BLUE", "netns needs NS, like: netns RED");
	bad("netns a/b", "a/b is not a namespace name (give a name like RED, "
			 "or host)");

	good("link host reth1", CHECK_LINK, 2, false);
	good("link host reth1 up", CHECK_LINK, 3, false);
	good("link host br0 type bridge", CHECK_LINK, 4, false);
	good("link host reth1 master br0", CHECK_LINK, 4, false);
	good("link RED reth0 peer host reth1", CHECK_LINK, 5, false);
	bad("link RED", "link needs NS DEV [up | type KIND | master BR | peer "
			"NS2 DEV2], like: link host reth1 up");
	bad("link RED reth0 down", "after link NS DEV comes nothing, or up, "
				   "type KIND, master BR or peer NS2 DEV2, "
				   "like: link host reth1 master br0");
	bad("link RED reth0 peer BLUE", "after link NS DEV comes nothing, or "
					"up, type KIND, master BR or peer NS2 "
					"DEV2, like: link host reth1 master "
					"br0");
	bad("link RED averyveryverylongname up",
	    "averyveryverylongname is not a link name (at most 15 "
	    "characters, no /)");

	good("addr RED reth0 11.11.11.2/24", CHECK_ADDR, 3, false);
	good("addr RED reth0 fd00::2/64", CHECK_ADDR, 3, false);
	bad("addr RED reth0", "addr needs NS DEV CIDR, like: addr RED reth0 "
			      "11.11.11.2/24");
	bad("addr RED reth0 11.11.11.2/33",
	    "11.11.11.2/33 is not an address/prefix (like 11.11.11.2/24)");
	bad("addr RED reth0 11.11.11.2",
	    "11.11.11.2 is not an address/prefix (like 11.11.11.2/24)");

	good("route RED default via 11.11.11.1", CHECK_ROUTE, 4, false);
	good("route RED 10.0.0.0/24 dev reth0", CHECK_ROUTE, 4, false);
	good("route RED 10.0.0.0/24 via 11.11.11.1", CHECK_ROUTE, 4, false);
	bad("route RED default", "route needs NS PREFIX via ADDR | NS PREFIX "
				 "dev DEV, like: route RED default via "
				 "11.11.11.1");
	bad("route RED default through 11.11.11.1",
	    "route NS PREFIX takes via ADDR or dev DEV, like: route RED "
	    "default via 11.11.11.1");
	bad("route RED default via 11.11.11.300", "11.11.11.300 is not an address "
					      "(like 11.11.11.3)");
	bad("route RED 10.0.0.0/40 dev reth0", "10.0.0.0/40 is not a prefix "
					       "(like 10.0.0.0/24, or "
					       "default)");

	good("neigh RED reth0 11.11.11.3", CHECK_NEIGH, 3, false);
	bad("neigh RED 11.11.11.3", "neigh needs NS DEV ADDR, like: neigh "
				    "RED reth0 11.11.11.3");
	bad("neigh RED reth0 blue", "blue is not an address (like "
				    "11.11.11.3)");

	good("fdb host br0 reth1", CHECK_FDB, 3, false);
	bad("fdb host br0", "fdb needs NS BR DEV, like: fdb host br0 reth1");

	good("sysctl host net.ipv4.ip_forward 1", CHECK_SYSCTL, 3, false);
	good("sysctl RED net.ipv4.ping_group_range 0 0", CHECK_SYSCTL, 4,
	     false);
	bad("sysctl host net.ipv4.ip_forward", "sysctl needs NS KEY VALUE, "
					       "like: sysctl host "
					       "net.ipv4.ip_forward 1");
	bad("sysctl host ip_forward 1", "ip_forward is not a sysctl key (like "
					"net.ipv4.ip_forward)");
	bad("sysctl host net..ipv4 1", "net..ipv4 is not a sysctl key (like "
				       "net.ipv4.ip_forward)");

	good("policy host filter FORWARD DROP", CHECK_POLICY, 4, false);
	good("policy RED nat POSTROUTING ACCEPT", CHECK_POLICY, 4, false);
	bad("policy host filter FORWARD", "policy needs NS TABLE CHAIN POLICY, "
					  "like: policy host filter FORWARD "
					  "DROP");
	bad("policy host mangle FORWARD DROP",
	    "mangle is not an iptables table (filter or nat)");
	bad("policy host filter NAVY DROP", "NAVY is not a built-in chain of "
					    "the filter table (like "
					    "FORWARD)");
	bad("policy host filter FORWARD REJECT",
	    "a policy is ACCEPT or DROP, not REJECT");

	good("rule host filter FORWARD -s 11.11.11.0/24 -j ACCEPT", CHECK_RULE,
	     7, false);
	good("rule host filter FORWARD --source 11.11.11.5/24 --jump ACCEPT",
	     CHECK_RULE, 7, false);
	good("rule host filter FORWARD -j NAVY", CHECK_RULE, 5, false);
	good("rule host filter FORWARD ! -s 10.0.0.0/8 -p tcp --dport 80 -j "
	     "REJECT --reject-with tcp-reset", CHECK_RULE, 14, false);
	good("rule host filter FORWARD -m conntrack --ctstate "
	     "ESTABLISHED,RELATED -j ACCEPT", CHECK_RULE, 9, false);
	good("rule host nat POSTROUTING -s 11.11.11.0/24 -j MASQUERADE",
	     CHECK_RULE, 7, false);
	good("rule host nat PREROUTING -p tcp --dport 8080 -j DNAT "
	     "--to-destination 11.11.11.3:80", CHECK_RULE, 11, false);
	bad("rule host filter FORWARD", "rule needs NS TABLE CHAIN SPEC..., "
					"like: rule host filter FORWARD -s "
					"11.11.11.0/24 -j ACCEPT");
	bad("rule host raw FORWARD -j ACCEPT",
	    "raw is not an iptables table (filter or nat)");
	bad("rule host filter FORWARD -s 11.11.11.0/33 -j ACCEPT",
	    "11.11.11.0/33 in the rule: invalid mask `33' specified");
	bad("rule host filter FORWARD -s 999.1.1.1 -j ACCEPT",
	    "999.1.1.1 in the rule: host/network `999.1.1.1' not found");
	bad("rule host filter FORWARD --dport 80 -j ACCEPT",
	    "--sport and --dport need -p tcp or -p udp before them");
	bad("rule host filter FORWARD -x 1 -j ACCEPT",
	    "-x is not an option of an iptables rule (checks know -s -d -i -o "
	    "-p -m --sport --dport --icmp-type --ctstate -j -g and the "
	    "targets' options)");
	bad("rule host filter FORWARD -s", "-s needs a value after it");
	bad("rule host filter FORWARD -s 1.1.1.1 --source 1.1.1.1 -j ACCEPT",
	    "--source is given twice: give each option once");
	bad("rule host filter FORWARD -j ACCEPT !",
	    "\"!\" negates the option after it");
	bad("rule host filter FORWARD -j ACCEPT -j DROP",
	    "a rule has one target: give -j (or -g) once");
	bad("rule host filter FORWARD -m multiport -j ACCEPT",
	    "checks know the matches tcp, udp, icmp and conntrack, not "
	    "multiport");

	good("ping RED 11.11.11.3", CHECK_PING, 2, false);
	good("noping RED 11.11.11.3", CHECK_NOPING, 2, false);
	bad("ping RED", "ping needs NS ADDR, like: ping RED 11.11.11.3");
	bad("ping RED fd00::3", "fd00::3 is not an IPv4 address (like "
				"11.11.11.3)");
	bad("noping RED 11.11.11.3 11.11.11.4", "noping needs NS ADDR, like: "
						"noping RED 11.11.11.3");

	good("http host http://11.11.11.2:8080/", CHECK_HTTP, 2, false);
	good("http host http://11.11.11.2:8080/ RED", CHECK_HTTP, 3, false);
	bad("http host", "http needs NS URL [TEXT], like: http host "
			 "http://11.11.11.2:8080/ RED");
	bad("http host ftp://11.11.11.2/", "ftp://11.11.11.2/ is not an "
					   "http:// URL (like "
					   "http://11.11.11.2:8080/)");

	bad("", "a check starts with its kind: netns, link, addr, route, "
		"neigh, fdb, sysctl, policy, rule, ping, noping or http");
	bad("!", "a check starts with its kind: netns, link, addr, route, "
		 "neigh, fdb, sysctl, policy, rule, ping, noping or http");
	bad("bridge host br0", "bridge is not a kind of check (the kinds: "
			       "netns, link, addr, route, neigh, fdb, sysctl, "
			       "policy, rule, ping, noping, http)");
	bad("rule host filter FORWARD -p tcp -p tcp -p tcp -p tcp -p tcp -p "
	    "tcp -p tcp -p tcp -p tcp -p tcp -p tcp",
	    "a check has at most 24 words");
	return tap_done();
}
