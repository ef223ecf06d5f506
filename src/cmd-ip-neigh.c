/* cmd-ip-neigh.c: "ip neigh". */
#include "system.h"

#include "cmd-ip.h"
#include "out.h"

static const struct cmd_entry entries[] = {
	{NULL},
};

const struct cmd_table cmd_ip_neigh_table = {
	.path = "ip neigh",
	.unknown = N_("Command \"%s\" is unknown, try \"ip neigh help\"."),
	.entries = entries,
};
