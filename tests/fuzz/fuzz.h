/* fuzz.h: what nstutor's libFuzzer targets share (see README). */
#ifndef NSTUTOR_FUZZ_H
#define NSTUTOR_FUZZ_H

#include "system.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (cut at its first NUL); free it. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A property the target checks did not hold: a bug. */
#define fuzz_assert(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__,	\
				__LINE__, #cond);			\
			abort();					\
		}							\
	} while (0)

#endif
