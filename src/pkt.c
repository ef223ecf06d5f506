/* pkt.c: decoding captured frames (stub until built). */
#include "system.h"

#include "pkt.h"

void pkt_decode(const unsigned char *frame, uint32_t caplen, uint32_t len,
		struct pkt *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = PKT_MALFORMED;
	p->len = len;
}
