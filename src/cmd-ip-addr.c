/* cmd-ip-addr.c: "ip address". */
#include "system.h"

#include "cmd-ip.h"
#include "out.h"

static const struct cmd_entry entries[] = {
	{NULL},
};

const struct cmd_table cmd_ip_address_table = {
	.path = "ip address",
	.unknown = N_("Command \"%s\" is unknown, try \"ip address help\"."),
	.entries = entries,
};
