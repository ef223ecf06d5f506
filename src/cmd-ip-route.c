/* cmd-ip-route.c: "ip route". */
#include "system.h"

#include "cmd-ip.h"
#include "out.h"

static const struct cmd_entry entries[] = {
	{NULL},
};

const struct cmd_table cmd_ip_route_table = {
	.path = "ip route",
	.unknown = N_("Command \"%s\" is unknown, try \"ip route help\"."),
	.entries = entries,
};
