/* cmd-ip-link.c: "ip link". */
#include "system.h"

#include "cmd-ip.h"
#include "out.h"

static const struct cmd_entry entries[] = {
	{NULL},
};

const struct cmd_table cmd_ip_link_table = {
	.path = "ip link",
	.unknown = N_("Command \"%s\" is unknown, try \"ip link help\"."),
	.entries = entries,
};
