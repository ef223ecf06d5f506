/* out.h: how nstutor talks to the learner.
 *
 * Normal output goes to stdout as the real tool would print it; errors
 * (the real tool's words) and hints (one plain sentence of help) go to
 * stderr; notes are nstutor's own annotations, dimmed, and like hints
 * they vanish under --plain.  A Korean particle written in its double
 * form after a name, "%s이(가)", comes out as the one the name takes.
 */
#ifndef NSTUTOR_OUT_H
#define NSTUTOR_OUT_H

#include <stdarg.h>

#include "system.h"

struct out_settings {
	bool plain; /* --plain: exactly what the real tool prints */
	bool color; /* colour on stdout/stderr */
};

extern struct out_settings out_settings;

void out_init(bool plain);

/* The real tool's error line, e.g. "Cannot find device \"veth9\"". */
void out_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* One plain sentence of help after an error. */
void out_hint(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* An annotation on stdout, set apart; nothing under --plain. */
void out_note(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* printf() to stdout or f, with the Korean particles after names made
 * to fit them (particle.h); out_error, out_hint and out_note do too.
 * Every translated message with a name in it is printed by one of these
 * or formatted by particle_snprintf()/particle_asprintf(). */
int out_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int out_fprintf(FILE *f, const char *fmt, ...) PRINTF_LIKE(2, 3);
int out_vfprintf(FILE *f, const char *fmt, va_list ap);

/* While stdout goes into a pipe ("ip -br a | wc -l"), notes go to f
 * instead: they are no part of what the real tool prints.  NULL:
 * stdout again. */
void out_note_stream(FILE *f);

/* A flag bit and the word the real tool prints for it. */
struct out_flag {
	unsigned int flag;
	const char *name;
};

/* On stdout, "NAME " for each of the n flags of t set in flags. */
void out_flag_words(const struct out_flag *t, size_t n, unsigned int flags);

/* Output that arrives while the learner types (a background tcpdump)
 * goes between out_async_begin(), which hides the prompt and the
 * half-typed line, and out_async_end(), which draws them again.  The
 * REPL installs the two hooks; without them both do nothing. */
void out_async_hooks(void (*hide)(void), void (*show)(void));
void out_async_begin(void);
void out_async_end(void);

/* The strerror() text the real tools print, "File exists". */
const char *out_strerror(int err);

#endif
