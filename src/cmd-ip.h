/* cmd-ip.h: the objects of "ip" (each in its cmd-ip-<object>.c), and
 * what they (and bridge) share: device lookups and iproute2's errors. */
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
/* The ifindex of the link called name, or -1 after cmd_ip_no_device(). */
int cmd_ip_dev_index(const struct cmd_ctx *ctx, const char *name);

/* "-n NS" of ip and bridge: ctx acts in NS, or CMD_ERROR (said why). */
int cmd_ip_netns_option(struct cmd_ctx *ctx, const char *name);
/* The family of -4/-6, or AF_UNSPEC (also for -0). */
int cmd_ip_family(const struct cmd_ctx *ctx);

/* iproute2's errors about the words of a command (its lib/utils.c).
 * These three print the error line only (the caller adds its hint) and
 * return -1:
 *   duparg:   Error: duplicate "KEY": "ARG" is the second value.
 *   garbage:  Error: either "KEY" is duplicate, or "ARG" is a garbage.
 *   expected: Error: inet prefix is expected rather than "ARG".
 *             (inet, inet6 or any valid by family; what: prefix, address)
 */
int cmd_ip_duparg(const char *key, const char *arg);
int cmd_ip_garbage(const char *key, const char *arg);
int cmd_ip_expected(int family, const char *what, const char *arg);

/* "Command line is not complete" and its hint, when a keyword ends the
 * command: cmd_ip_incomplete() returns -1; cmd_ip_next_arg() steps *i
 * to the keyword's value and returns false (said so) when there is none.
 * Their hints are worded differently. */
int cmd_ip_incomplete(void);
bool cmd_ip_next_arg(int *i, int argc);

/* A link-layer address ("lladdr" / "address" values) into mac: its
 * length, or -1 after iproute2's "is invalid lladdr." and a hint. */
int cmd_ip_lladdr(const char *arg, unsigned char *mac, size_t size);

#endif
