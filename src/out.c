/* out.c: errors, hints and annotations, coloured unless --plain. */
#include "system.h"

#include <stdarg.h>

#include "out.h"
#include "particle.h"

struct out_settings out_settings;

#define DIM    "\033[2m"
#define RED    "\033[31m"
#define YELLOW "\033[33m"
#define RESET  "\033[0m"

void out_init(bool plain)
{
	const char *term = getenv("TERM");

	out_settings.plain = plain;
	out_settings.color = !plain && isatty(STDOUT_FILENO) &&
			     getenv("NO_COLOR") == NULL && term &&
			     !streq(term, "dumb");
}

int out_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char *text;
	int n;

	if (!particle_has_double(fmt))
		return vfprintf(f, fmt, ap);
	n = particle_vasprintf(&text, fmt, ap);
	if (n < 0)
		return n;
	n = fputs(text, f) < 0 ? -1 : n;
	free(text);
	return n;
}

int out_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = out_vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int out_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = out_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

static void out_line(FILE *f, const char *color, const char *prefix,
		     const char *fmt, va_list ap)
{
	if (out_settings.color && color)
		fputs(color, f);
	if (prefix)
		fputs(prefix, f);
	out_vfprintf(f, fmt, ap);
	if (out_settings.color && color)
		fputs(RESET, f);
	fputc('\n', f);
}

void out_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	out_line(stderr, RED, NULL, fmt, ap);
	va_end(ap);
}

void out_hint(const char *fmt, ...)
{
	va_list ap;

	if (out_settings.plain)
		return;
	va_start(ap, fmt);
	/* TRANSLATORS: prefix of the plain-words help after an error. */
	out_line(stderr, YELLOW, _("hint: "), fmt, ap);
	va_end(ap);
}

static FILE *note_stream; /* NULL: stdout */

void out_note_stream(FILE *f)
{
	note_stream = f;
}

void out_note(const char *fmt, ...)
{
	va_list ap;

	if (out_settings.plain)
		return;
	va_start(ap, fmt);
	out_line(note_stream ? note_stream : stdout, DIM, "# ", fmt, ap);
	va_end(ap);
}

static void (*async_hide)(void), (*async_show)(void);
static int async_depth;

void out_async_hooks(void (*hide)(void), void (*show)(void))
{
	async_hide = hide;
	async_show = show;
}

void out_async_begin(void)
{
	if (async_depth++ == 0 && async_hide)
		async_hide();
}

void out_async_end(void)
{
	if (async_depth > 0 && --async_depth == 0) {
		fflush(stdout);
		if (async_show)
			async_show();
	}
}

const char *out_strerror(int err)
{
	return strerror(err < 0 ? -err : err);
}

void out_flag_words(const struct out_flag *t, size_t n, unsigned int flags)
{
	for (size_t i = 0; i < n; i++)
		if (flags & t[i].flag)
			printf("%s ", t[i].name);
}
