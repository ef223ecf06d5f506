/* pcapng.c: writing a capture record as pcapng (see pcapng.h).
 *
 * The blocks are written in the machine's byte order, which the
 * Section Header's byte-order magic tells readers.  Layouts follow the
 * pcapng specification (draft-ietf-opsawg-pcapng): every block is
 * type, total length, body padded to 32 bits, total length again.
 */
#include "system.h"

#include <stdint.h>

#include "cap.h"
#include "pcapng.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define LINKTYPE_ETHERNET 1

#define OPT_ENDOFOPT 0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME 2
#define OPT_IF_DESCRIPTION 3
#define OPT_IF_MACADDR 6
#define OPT_IF_TSRESOL 9

#define PAD4(n) (((n) + 3u) & ~3u)

struct out {
	FILE *f;
	bool failed;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (!o->failed && n && fwrite(p, 1, n, o->f) != n)
		o->failed = true;
}

static void put32(struct out *o, uint32_t v)
{
	put(o, &v, 4);
}

static void put16(struct out *o, uint16_t v)
{
	put(o, &v, 2);
}

static void pad(struct out *o, size_t n)
{
	static const unsigned char zero[4];

	put(o, zero, PAD4(n) - n);
}

/* Size of an option holding n bytes. */
static uint32_t opt_size(size_t n)
{
	return 4 + PAD4((uint32_t)n);
}

static void put_opt(struct out *o, uint16_t code, const void *p, size_t n)
{
	put16(o, code);
	put16(o, (uint16_t)n);
	put(o, p, n);
	pad(o, n);
}

static void put_end(struct out *o)
{
	put16(o, OPT_ENDOFOPT);
	put16(o, 0);
}

static void write_shb(struct out *o)
{
	static const char app[] = "nstutor " PACKAGE_VERSION;
	uint32_t len = 28 + opt_size(strlen(app)) + 4;
	int64_t section_len = -1;

	put32(o, BT_SHB);
	put32(o, len);
	put32(o, BYTE_ORDER_MAGIC);
	put16(o, 1);
	put16(o, 0);
	put(o, &section_len, 8);
	put_opt(o, OPT_SHB_USERAPPL, app, strlen(app));
	put_end(o);
	put32(o, len);
}

static void write_idb(struct out *o, const struct cap_place *p,
		      uint32_t snaplen)
{
	char name[NAME_MAX + IFNAMSIZ + 8];
	const unsigned char resol = 9; /* 10^-9 s */
	const char *kind = *p->kind ? p->kind : "ether";
	uint32_t len;

	cap_place_name(p, name, sizeof(name));
	len = 20 + opt_size(strlen(name)) + opt_size(strlen(kind)) +
	      opt_size(6) + opt_size(1) + 4;
	put32(o, BT_IDB);
	put32(o, len);
	put16(o, LINKTYPE_ETHERNET);
	put16(o, 0);
	put32(o, snaplen ? snaplen : CAP_SNAPLEN);
	put_opt(o, OPT_IF_NAME, name, strlen(name));
	put_opt(o, OPT_IF_DESCRIPTION, kind, strlen(kind));
	put_opt(o, OPT_IF_MACADDR, p->mac, 6);
	put_opt(o, OPT_IF_TSRESOL, &resol, 1);
	put_end(o);
	put32(o, len);
}

static void write_epb(struct out *o, const struct cap_frame *f)
{
	uint32_t len = 32 + PAD4(f->caplen);
	uint64_t ts = f->ts_ns > 0 ? (uint64_t)f->ts_ns : 0;

	put32(o, BT_EPB);
	put32(o, len);
	put32(o, f->place);
	put32(o, (uint32_t)(ts >> 32));
	put32(o, (uint32_t)ts);
	put32(o, f->caplen);
	put32(o, f->len);
	put(o, f->data, f->caplen);
	pad(o, f->caplen);
	put32(o, len);
}

int pcapng_write(const struct cap_record *r, const char *path)
{
	struct out o = {.failed = false};
	size_t i;
	int err = 0;

	o.f = fopen(path, "we");
	if (!o.f)
		return -errno;
	errno = 0;
	write_shb(&o);
	for (i = 0; i < r->n_places; i++)
		write_idb(&o, &r->places[i], r->snaplen);
	for (i = 0; i < r->n_frames; i++)
		if (r->frames[i].place < r->n_places)
			write_epb(&o, &r->frames[i]);
	if (o.failed || fflush(o.f) != 0)
		err = errno ? -errno : -EIO;
	if (fclose(o.f) != 0 && err == 0)
		err = -errno;
	if (err < 0)
		unlink(path);
	return err;
}
