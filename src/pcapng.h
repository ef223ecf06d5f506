/* pcapng.h: writing a capture as pcapng, for Wireshark and tcpdump -r.
 *
 * One Section Header Block, one Interface Description Block per place
 * (named "RED/reth0", "host/br0"; nanosecond timestamps), then one
 * Enhanced Packet Block per frame in time order.  The real
 * "tcpdump -r FILE" reads every frame back.
 */
#ifndef NSTUTOR_PCAPNG_H
#define NSTUTOR_PCAPNG_H

#include "system.h"

struct cap_record;

/* 0 or -errno (the file is removed again when writing failed). */
int pcapng_write(const struct cap_record *r, const char *path);

#endif
