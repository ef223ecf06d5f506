/* textbuf.c: text built piece by piece in a caller's buffer. */
#include "system.h"

#include <stdarg.h>

#include "textbuf.h"

void textbuf_init(struct textbuf *t, char *buf, size_t size)
{
	*t = (struct textbuf){.buf = buf, .size = size};
	if (size)
		buf[0] = '\0';
}

void textbuf_add(struct textbuf *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len + 1 >= t->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
	if (t->len >= t->size)
		t->len = t->size - 1;
}
