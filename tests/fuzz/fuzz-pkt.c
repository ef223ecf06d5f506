/* fuzz-pkt.c: libFuzzer target for pkt.c (see tests/fuzz/README).
 *
 * Every input is one captured frame: decoded whole, then as if the
 * capture had kept only part of it (the first byte says how much), and
 * each is written with and without the link header.  The sanitizers
 * catch any read past the frame; the checks below catch a line that is
 * not one NUL-terminated line.
 */
#include "system.h"

#include <stdint.h>

#include "pkt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_line(const char *line, size_t size)
{
	size_t n = strnlen(line, size);

	if (n >= size || memchr(line, '\n', n))
		abort();
}

static void one(const uint8_t *frame, uint32_t caplen, uint32_t len)
{
	static struct pkt_tcp_book book;
	char line[512], tiny[8];
	struct pkt p;

	pkt_decode(frame, caplen, len, &p);
	pkt_tcp_relate(&book, &p);
	pkt_format(&p, false, line, sizeof(line));
	check_line(line, sizeof(line));
	pkt_format(&p, true, line, sizeof(line));
	check_line(line, sizeof(line));
	pkt_format(&p, true, tiny, sizeof(tiny));
	check_line(tiny, sizeof(tiny));
	if (!pkt_label(&p) || !*pkt_label(&p))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t len = (uint32_t)size;

	if (size > 65535)
		return 0;
	one(data, len, len);
	if (size > 0)
		one(data, data[0] % (len + 1), len);
	/* a wire length beyond the capture, and one below (nonsense) */
	one(data, len, len + 1000);
	if (size > 0)
		one(data, len, len - 1);
	return 0;
}
