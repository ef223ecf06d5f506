/* tap.h: a few TAP helpers for nstutor's C unit tests. */
#ifndef NSTUTOR_TAP_H
#define NSTUTOR_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...)                                                   \
	do {                                                            \
		int ok_ = !!(cond);                                     \
		printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n);       \
		printf(__VA_ARGS__);                                    \
		putchar('\n');                                          \
		if (!ok_) {                                             \
			tap_failed++;                                   \
			printf("#   at %s:%d\n", __FILE__, __LINE__);   \
		}                                                       \
	} while (0)

#define is_str(got, want, ...)                                          \
	do {                                                            \
		const char *g_ = (got), *w_ = (want);                   \
		int same_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;  \
		ok(same_, __VA_ARGS__);                                 \
		if (!same_)                                             \
			printf("#   got '%s', want '%s'\n",             \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
