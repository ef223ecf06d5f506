/* cmd-ip.h: the objects of "ip" (each in its cmd-ip-<object>.c). */
#ifndef NSTUTOR_CMD_IP_H
#define NSTUTOR_CMD_IP_H

#include "cmd.h"

extern const struct cmd_table cmd_ip_table; /* the objects, in order */

extern const struct cmd_table cmd_ip_address_table;
extern const struct cmd_table cmd_ip_route_table;
extern const struct cmd_table cmd_ip_neigh_table;
extern const struct cmd_table cmd_ip_link_table;
extern const struct cmd_table cmd_ip_netns_table;

/* Prints iproute2's "Cannot find device" error and a hint listing the
 * links the namespace does have. */
void cmd_ip_no_device(const struct cmd_ctx *ctx, const char *name);

#endif
