/* cmd-ip-netns.c: "ip netns". */
#include "system.h"

#include "cmd-ip.h"
#include "out.h"

static const struct cmd_entry entries[] = {
	{NULL},
};

const struct cmd_table cmd_ip_netns_table = {
	.path = "ip netns",
	.unknown = N_("Command \"%s\" is unknown, try \"ip netns help\"."),
	.entries = entries,
};
