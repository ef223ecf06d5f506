/* textbuf.h: text built piece by piece in a caller's buffer.
 *
 * textbuf_add() appends printf-style and cuts the text short rather
 * than overrun; the buffer always holds a terminated string.
 */
#ifndef NSTUTOR_TEXTBUF_H
#define NSTUTOR_TEXTBUF_H

#include "system.h"

struct textbuf {
	char *buf;
	size_t size, len;
};

void textbuf_init(struct textbuf *t, char *buf, size_t size);
void textbuf_add(struct textbuf *t, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
