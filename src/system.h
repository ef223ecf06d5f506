/* system.h: what every nstutor source file includes first. */
#ifndef NSTUTOR_SYSTEM_H
#define NSTUTOR_SYSTEM_H

#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libintl.h>

#define _(s)  gettext(s)
#define N_(s) (s)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define _cleanup_(f) __attribute__((cleanup(f)))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

static inline bool streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static inline void freep(void *p)
{
	free(*(void **)p);
}

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void fclosep_(FILE **f)
{
	if (*f)
		fclose(*f);
}

#define _cleanup_free_  _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)
#define _cleanup_fclose_ _cleanup_(fclosep_)

#endif
