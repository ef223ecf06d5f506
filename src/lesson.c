/* lesson.c: lesson files (lessons/README.md).
 *
 * lesson_load() reads a NAME.lesson file whole, checks that it is UTF-8
 * text, and parses it line by line into a struct lesson; the first
 * mistake ends it with "FILE:LINE: what was expected" and no lesson.
 * lesson_find() and lesson_names() look in the lesson directories, in
 * the order lesson.h gives; ltext_get() picks the learner's language.
 */
#include "system.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "datadirs.h"
#include "lesson.h"
#include "particle.h"

#define LESSON_MAX_BYTES (1024 * 1024)
#define LESSON_MAX_LINE	 4096
#define LESSON_SUFFIX	 ".lesson"

/* ---- the keys ---- */

enum part { IN_HEAD = 1, IN_STEP = 2 };

enum key {
	K_LESSON, K_TITLE, K_SOURCE, K_ABOUT, K_SETUP, K_STEP, K_TEXT,
	K_TRY, K_CHECK, K_MOMENT, K_WHEN, K_HINT,
};

struct key_info {
	const char *name;
	unsigned int parts;	/* enum part */
	bool ko;		/* has a .ko twin */
};

static const struct key_info keys[] = {
	[K_LESSON] = {"lesson", IN_HEAD, false},
	[K_TITLE] = {"title", IN_HEAD | IN_STEP, true},
	[K_SOURCE] = {"source", IN_HEAD, false},
	[K_ABOUT] = {"about", IN_HEAD, true},
	[K_SETUP] = {"setup", IN_HEAD, false},
	[K_STEP] = {"step", IN_HEAD | IN_STEP, false},
	[K_TEXT] = {"text", IN_STEP, true},
	[K_TRY] = {"try", IN_STEP, false},
	[K_CHECK] = {"check", IN_STEP, false},
	[K_MOMENT] = {"moment", IN_STEP, false},
	[K_WHEN] = {"when", IN_STEP, false},
	[K_HINT] = {"hint", IN_STEP, true},
};

/* ---- the parser ---- */

struct parser {
	const char *path;
	char *name;			/* what "lesson:" must say */
	unsigned int line;
	struct lesson *l;
	struct lesson_step *step;	/* the current step, NULL in the head */
	int prev_key;			/* the previous field's key, -1 none */
	unsigned int lesson_line, when_line;
	/* where once-only fields of the head or the current step were */
	unsigned int title_line, title_ko_line, source_line;
	unsigned int about_line, text_line;
	unsigned int hint_line;		/* the fallback hint's */
	unsigned int *hint_lines;	/* each hint's line, for warnings */
	char *error;
};

static int fail_at(struct parser *p, unsigned int line, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

/* Sets the error, "FILE:LINE: what was expected", once. */
static int fail_at(struct parser *p, unsigned int line, const char *fmt, ...)
{
	char *what = NULL;
	va_list ap;

	if (p->error)
		return -EINVAL;
	va_start(ap, fmt);
	if (particle_vasprintf(&what, fmt, ap) < 0)
		what = NULL;
	va_end(ap);
	if (!what || asprintf(&p->error, "%s:%u: %s", p->path, line, what) < 0)
		p->error = NULL;
	free(what);
	return p->error ? -EINVAL : -ENOMEM;
}

static int warn_at(struct parser *p, unsigned int line, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static int warn_at(struct parser *p, unsigned int line, const char *fmt, ...)
{
	struct lesson *l = p->l;
	char *what = NULL, *w = NULL, **v;
	va_list ap;

	va_start(ap, fmt);
	if (particle_vasprintf(&what, fmt, ap) < 0)
		what = NULL;
	va_end(ap);
	if (!what || asprintf(&w, "%s:%u: %s", p->path, line, what) < 0)
		w = NULL;
	free(what);
	if (!w)
		return -ENOMEM;
	v = realloc(l->warnings, (l->n_warnings + 1) * sizeof(*v));
	if (!v) {
		free(w);
		return -ENOMEM;
	}
	l->warnings = v;
	v[l->n_warnings++] = w;
	return 0;
}

/* Grows an array by one zeroed element; returns it, or NULL. */
static void *grow(void *arrayp, size_t *n, size_t size)
{
	void **array = arrayp;
	char *v = realloc(*array, (*n + 1) * size);

	if (!v)
		return NULL;
	*array = v;
	memset(v + *n * size, 0, size);
	return v + (*n)++ * size;
}

static int add_string(char ***v, size_t *n, const char *s)
{
	char **slot, *copy = strdup(s);

	if (!copy)
		return -ENOMEM;
	slot = grow(v, n, sizeof(**v));
	if (!slot) {
		free(copy);
		return -ENOMEM;
	}
	*slot = copy;
	return 0;
}

/* One more line of a paragraph. */
static int add_line(char **text, const char *s)
{
	char *joined;

	if (!*text)
		joined = strdup(s);
	else if (asprintf(&joined, "%s\n%s", *text, s) < 0)
		joined = NULL;
	if (!joined)
		return -ENOMEM;
	free(*text);
	*text = joined;
	return 0;
}

static int set_once(struct parser *p, char **field, unsigned int *line,
		    const char *key, const char *value)
{
	if (*field)
		return fail_at(p, p->line,
			       _("'%s:' is given twice: only one (the first is on line %u)"),
			       key, *line);
	*field = strdup(value);
	*line = p->line;
	return *field ? 0 : -ENOMEM;
}

static int add_check(struct parser *p, struct check **v, size_t *n,
		     const char *value)
{
	struct check c = {0}, *slot;
	char *why = NULL;

	if (check_parse(value, &c, &why) < 0) {
		fail_at(p, p->line, "%s", why ? why : _("not a check"));
		free(why);
		return -EINVAL;
	}
	slot = grow(v, n, sizeof(**v));
	if (!slot) {
		check_free(&c);
		return -ENOMEM;
	}
	*slot = c;
	return 0;
}

/* ---- the head and the steps ---- */

static bool is_step_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* The head is done (at the first step or at the end). */
static int end_head(struct parser *p)
{
	struct lesson *l = p->l;
	int err = 0;

	if (!l->title.en)
		return fail_at(p, p->lesson_line,
			       _("the lesson has no 'title:': expected one in its head"));
	if (!l->title.ko)
		err = warn_at(p, p->title_line, _("the lesson has no Korean title"));
	if (!err && l->about.en && !l->about.ko)
		err = warn_at(p, p->about_line, _("the lesson has no Korean about text"));
	return err;
}

/* The current step is done (at the next step or at the end). */
static int end_step(struct parser *p)
{
	struct lesson_step *s = p->step;
	int err = 0;

	if (!s)
		return 0;
	if (!s->title.en)
		return fail_at(p, s->line, _("step '%s' has no 'title:': expected one"),
			       s->id);
	if (!s->n_checks)
		return fail_at(p, s->line,
			       _("step '%s' has no 'check:': expected at least one"),
			       s->id);
	if (!s->title.ko)
		err = warn_at(p, p->title_line, _("step %s has no Korean title"), s->id);
	if (!err && s->text.en && !s->text.ko)
		err = warn_at(p, p->text_line, _("step %s has no Korean text"), s->id);
	for (size_t i = 0; !err && i < s->n_hints; i++)
		if (!s->hints[i].text.ko)
			err = warn_at(p, p->hint_lines[i],
				      _("step %s has a hint with no Korean text"), s->id);
	return err;
}

static void reset_step_lines(struct parser *p)
{
	p->title_line = p->title_ko_line = p->text_line = 0;
	p->hint_line = 0;
	free(p->hint_lines);
	p->hint_lines = NULL;
}

static int start_step(struct parser *p, const char *id)
{
	struct lesson *l = p->l;
	struct lesson_step *s;
	int err = p->step ? end_step(p) : end_head(p);

	if (err)
		return err;
	if (!is_step_id(id))
		return fail_at(p, p->line,
			       _("step id '%s': expected only letters, digits and '-'"), id);
	for (size_t i = 0; i < l->n_steps; i++)
		if (streq(l->steps[i].id, id))
			return fail_at(p, p->line,
				       _("step id '%s' is already used on line %u: expected a new one"),
				       id, l->steps[i].line);
	reset_step_lines(p);
	s = grow(&l->steps, &l->n_steps, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->line = p->line;
	s->id = strdup(id);
	p->step = s;
	return s->id ? 0 : -ENOMEM;
}

static int add_hint(struct parser *p, const char *text)
{
	struct lesson_step *s = p->step;
	struct lesson_hint *h;
	unsigned int *lines;
	bool fallback = !p->when_line;

	if (fallback && p->hint_line)
		return fail_at(p, p->line,
			       _("the step already has a fallback 'hint:' (line %u): expected a 'when:' before this one"),
			       p->hint_line);
	if (fallback) {
		h = grow(&s->hints, &s->n_hints, sizeof(*h));
		if (!h)
			return -ENOMEM;
		p->hint_line = p->line;
	} else {
		h = &s->hints[s->n_hints - 1];	/* its when: made it */
	}
	lines = realloc(p->hint_lines, s->n_hints * sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	p->hint_lines = lines;
	lines[s->n_hints - 1] = p->line;
	p->when_line = 0;
	h->text.en = strdup(text);
	return h->text.en ? 0 : -ENOMEM;
}

static int add_when(struct parser *p, const char *value)
{
	struct lesson_step *s = p->step;
	struct lesson_hint *h;
	struct check c = {0};
	char *why = NULL;

	if (check_parse(value, &c, &why) < 0) {
		fail_at(p, p->line, "%s", why ? why : _("not a check"));
		free(why);
		return -EINVAL;
	}
	h = grow(&s->hints, &s->n_hints, sizeof(*h));
	if (!h) {
		check_free(&c);
		return -ENOMEM;
	}
	h->when = c;
	h->has_when = true;
	p->when_line = p->line;
	return 0;
}

static int add_head_field(struct parser *p, enum key k, bool ko, const char *v)
{
	struct lesson *l = p->l;

	switch (k) {
	case K_TITLE:
		return ko ? set_once(p, &l->title.ko, &p->title_ko_line, "title.ko", v)
			  : set_once(p, &l->title.en, &p->title_line, "title", v);
	case K_SOURCE:
		return set_once(p, &l->source, &p->source_line, "source", v);
	case K_ABOUT:
		if (!p->about_line)
			p->about_line = p->line;
		return add_line(ko ? &l->about.ko : &l->about.en, v);
	case K_SETUP:
		return add_string(&l->setup, &l->n_setup, v);
	default:
		return -EINVAL;		/* the caller sorted the parts out */
	}
}

static int add_step_field(struct parser *p, enum key k, bool ko, const char *v)
{
	struct lesson_step *s = p->step;

	switch (k) {
	case K_TITLE:
		return ko ? set_once(p, &s->title.ko, &p->title_ko_line, "title.ko", v)
			  : set_once(p, &s->title.en, &p->title_line, "title", v);
	case K_TEXT:
		if (!p->text_line)
			p->text_line = p->line;
		return add_line(ko ? &s->text.ko : &s->text.en, v);
	case K_TRY:
		return add_string(&s->try, &s->n_try, v);
	case K_CHECK:
		return add_check(p, &s->checks, &s->n_checks, v);
	case K_MOMENT:
		return add_check(p, &s->moments, &s->n_moments, v);
	case K_WHEN:
		return add_when(p, v);
	case K_HINT:
		if (!ko)
			return add_hint(p, v);
		if (s->hints[s->n_hints - 1].text.ko)
			return fail_at(p, p->line,
				       _("'hint.ko:' is given twice: only one for each 'hint:'"));
		s->hints[s->n_hints - 1].text.ko = strdup(v);
		return s->hints[s->n_hints - 1].text.ko ? 0 : -ENOMEM;
	default:
		return -EINVAL;
	}
}

static int find_key(const char *key, bool *ko)
{
	size_t len = strlen(key);

	*ko = len > 3 && streq(key + len - 3, ".ko");
	if (*ko)
		len -= 3;
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].name) == len && strncmp(keys[i].name, key, len) == 0)
			return keys[i].ko || !*ko ? (int)i : -1;
	return -1;
}

static int unknown_key(struct parser *p, const char *key)
{
	if (p->step)
		return fail_at(p, p->line, _("unknown key '%s': expected %s"), key,
			       "step, title, title.ko, text, text.ko, try, check, moment, when, hint, hint.ko");
	return fail_at(p, p->line, _("unknown key '%s': expected %s"), key,
		       "lesson, title, title.ko, source, about, about.ko, setup, step");
}

/* Is this field in its place: after "lesson:", in its part, its .ko
 * after the field it translates, a when: followed by its hint:? */
static int check_place(struct parser *p, enum key k, bool ko)
{
	const char *name = keys[k].name;

	if (p->when_line && !(k == K_HINT && !ko))
		return fail_at(p, p->when_line,
			       _("'when:' must be followed by its 'hint:'"));
	if (!p->lesson_line && k != K_LESSON)
		return fail_at(p, p->line, _("expected 'lesson: %s' first"), p->name);
	if (!p->step && !(keys[k].parts & IN_HEAD))
		return fail_at(p, p->line,
			       _("'%s:' belongs in a step: expected 'step: ID' before it"),
			       name);
	if (p->step && !(keys[k].parts & IN_STEP))
		return fail_at(p, p->line,
			       _("'%s:' belongs in the lesson's head, before the first 'step:'"),
			       name);
	if (ko && p->prev_key != (int)k)
		return fail_at(p, p->line,
			       _("'%s.ko:' must follow the '%s:' it translates"), name, name);
	return 0;
}

static int field(struct parser *p, const char *key, const char *value)
{
	bool ko;
	int k = find_key(key, &ko), err;

	if (k < 0)
		return unknown_key(p, key);
	if (!*value)
		return fail_at(p, p->line, _("'%s:' has no value: expected text after it"),
			       key);
	err = check_place(p, k, ko);
	if (err)
		return err;
	p->prev_key = k;
	if (k == K_LESSON) {
		if (p->lesson_line)
			return fail_at(p, p->line,
				       _("'%s:' is given twice: only one (the first is on line %u)"),
				       "lesson", p->lesson_line);
		if (!streq(value, p->name))
			return fail_at(p, p->line,
				       _("the lesson is named '%s' but its file is %s.lesson: expected 'lesson: %s'"),
				       value, p->name, p->name);
		p->lesson_line = p->line;
		p->l->name = strdup(value);
		return p->l->name ? 0 : -ENOMEM;
	}
	if (k == K_STEP)
		return start_step(p, value);
	return p->step ? add_step_field(p, k, ko, value) : add_head_field(p, k, ko, value);
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int parse_line(struct parser *p, char *line)
{
	char *colon;

	line = trim(line);
	if (!*line || *line == '#')
		return 0;
	colon = strchr(line, ':');
	if (!colon)
		return fail_at(p, p->line, _("expected 'key: value'"));
	*colon = '\0';
	return field(p, trim(line), trim(colon + 1));
}

/* ---- text ---- */

/* Is it UTF-8 (no NUL, no overlong form, no surrogate)? */
static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned int c = s[i], len, cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07;
		else
			return false;
		if (n - i < len)
			return false;
		for (unsigned int j = 1; j < len; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += len;
	}
	return true;
}

/* A control character other than tab (and the \r of a CRLF)? */
static bool has_control(const char *s, size_t n)
{
	if (n && s[n - 1] == '\r')
		n--;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return true;
	return false;
}

static int parse_text(struct parser *p, char *buf, size_t size)
{
	char *at = buf, *end = buf + size;
	int err = 0;

	if (size >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		at += 3;	/* a byte order mark, as some editors write */
	while (!err && at < end) {
		char *nl = memchr(at, '\n', end - at);
		size_t len = (nl ? nl : end) - at;

		p->line++;
		if (!utf8_valid((unsigned char *)at, len))
			return fail_at(p, p->line, _("not UTF-8 text"));
		if (has_control(at, len))
			return fail_at(p, p->line,
				       _("a control character: expected text"));
		if (len > LESSON_MAX_LINE)
			return fail_at(p, p->line,
				       _("the line is longer than %d bytes: expected a shorter one"),
				       LESSON_MAX_LINE);
		at[len] = '\0';
		err = parse_line(p, at);
		at += len + 1;
	}
	return err;
}

/* The end of the file: what is still open must be complete. */
static int parse_end(struct parser *p)
{
	unsigned int last = p->line ? p->line : 1;

	if (p->when_line)
		return fail_at(p, p->when_line,
			       _("'when:' must be followed by its 'hint:'"));
	if (!p->lesson_line)
		return fail_at(p, last,
			       _("no 'lesson:' line: expected 'lesson: %s' first"),
			       p->name);
	if (!p->step) {
		int err = end_head(p);

		return err ? err : fail_at(p, last,
			       _("the lesson has no 'step:': expected at least one"));
	}
	return end_step(p);
}

/* The file's contents, at most LESSON_MAX_BYTES of them. */
static int read_all(struct parser *p, char **out, size_t *size)
{
	_cleanup_close_ int fd = open(p->path, O_RDONLY | O_CLOEXEC);
	char *buf;
	size_t used = 0;

	if (fd < 0) {
		int err = -errno;

		if (asprintf(&p->error, "%s: %s", p->path, strerror(-err)) < 0)
			p->error = NULL;
		return err;
	}
	buf = malloc(LESSON_MAX_BYTES + 2);
	if (!buf)
		return -ENOMEM;
	while (used <= LESSON_MAX_BYTES) {
		ssize_t n = read(fd, buf + used, LESSON_MAX_BYTES + 1 - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			if (asprintf(&p->error, "%s: %s", p->path, strerror(-err)) < 0)
				p->error = NULL;
			free(buf);
			return err;
		}
		if (n == 0)
			break;
		used += n;
	}
	buf[used] = '\0';
	*out = buf;
	*size = used;
	return 0;
}

static unsigned int count_lines(const char *s, size_t n)
{
	unsigned int lines = 1;

	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

/* "dir/bridge.lesson" -> "bridge" */
static char *name_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len, suffix = strlen(LESSON_SUFFIX);

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > suffix && streq(base + len - suffix, LESSON_SUFFIX))
		len -= suffix;
	return strndup(base, len);
}

static int parse_file(struct parser *p)
{
	_cleanup_free_ char *buf = NULL;
	size_t size = 0;
	int err = read_all(p, &buf, &size);

	if (err)
		return err;
	if (size > LESSON_MAX_BYTES)
		return fail_at(p, count_lines(buf, LESSON_MAX_BYTES),
			       _("the file is larger than 1 MiB: expected a smaller lesson"));
	if (size == 0)
		return fail_at(p, 1, _("the file is empty: expected 'lesson: %s' first"),
			       p->name);
	err = parse_text(p, buf, size);
	return err ? err : parse_end(p);
}

int lesson_load(const char *path, struct lesson **out, char **error)
{
	struct parser p = {.path = path, .prev_key = -1};
	int err;

	*out = NULL;
	*error = NULL;
	p.l = calloc(1, sizeof(*p.l));
	p.name = name_of(path);
	err = p.l && p.name ? parse_file(&p) : -ENOMEM;
	if (!err) {
		p.l->path = strdup(path);
		if (!p.l->path)
			err = -ENOMEM;
	}
	free(p.name);
	free(p.hint_lines);
	if (err) {
		lesson_free(p.l);
		if (!p.error && asprintf(&p.error, "%s: %s", path, strerror(-err)) < 0)
			p.error = NULL;
		*error = p.error;
		return err;
	}
	*out = p.l;
	return 0;
}

static void ltext_free(struct ltext *t)
{
	free(t->en);
	free(t->ko);
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void checks_free(struct check *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_free(&v[i]);
	free(v);
}

static void step_free(struct lesson_step *s)
{
	free(s->id);
	ltext_free(&s->title);
	ltext_free(&s->text);
	strings_free(s->try, s->n_try);
	checks_free(s->checks, s->n_checks);
	checks_free(s->moments, s->n_moments);
	for (size_t i = 0; i < s->n_hints; i++) {
		if (s->hints[i].has_when)
			check_free(&s->hints[i].when);
		ltext_free(&s->hints[i].text);
	}
	free(s->hints);
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	free(l->name);
	free(l->path);
	free(l->source);
	ltext_free(&l->title);
	ltext_free(&l->about);
	strings_free(l->setup, l->n_setup);
	for (size_t i = 0; i < l->n_steps; i++)
		step_free(&l->steps[i]);
	free(l->steps);
	strings_free(l->warnings, l->n_warnings);
	free(l);
}

/* ---- where lessons are ---- */

static const char *dirs[8];
static size_t n_dirs;

void lesson_dir_add(const char *dir)
{
	if (n_dirs < ARRAY_SIZE(dirs))
		dirs[n_dirs++] = dir;
}

static const char *site_dir;

void lesson_site_dir_set(const char *dir)
{
	site_dir = dir;
}

static int add_dir(char ***v, size_t *n, const char *dir)
{
	for (size_t i = 0; i < *n; i++)
		if (streq((*v)[i], dir))
			return 0;
	return add_string(v, n, dir);
}

/* The lesson directories, in the order they are looked in. */
static int lesson_dirs(char ***out, size_t *n)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *env = getenv("NSTUTOR_LESSONS");
	char **v = NULL, *user = NULL;
	size_t nv = 0;
	int err = 0;

	for (size_t i = 0; !err && i < n_dirs; i++)
		err = add_dir(&v, &nv, dirs[i]);
	if (xdg && *xdg == '/') {
		if (asprintf(&user, "%s/nstutor/lessons", xdg) < 0)
			user = NULL, err = err ? err : -ENOMEM;
	} else if (home && *home) {
		if (asprintf(&user, "%s/.local/share/nstutor/lessons", home) < 0)
			user = NULL, err = err ? err : -ENOMEM;
	}
	if (!err && user)
		err = add_dir(&v, &nv, user);
	free(user);
	if (!err && env && *env)
		err = add_dir(&v, &nv, env);
	if (!err && site_dir && *site_dir)
		err = add_dir(&v, &nv, site_dir);
	if (!err)
		err = add_dir(&v, &nv, datadirs_lessons());
	if (err) {
		strings_free(v, nv);
		return err;
	}
	*out = v;
	*n = nv;
	return 0;
}

static bool name_ok(const char *name)
{
	return *name && *name != '.' && !strchr(name, '/');
}

static char *joined(char **v, size_t n)
{
	char *s = strdup("");

	for (size_t i = 0; s && i < n; i++) {
		char *t;

		if (asprintf(&t, "%s%s%s", s, i ? ", " : "", v[i]) < 0)
			t = NULL;
		free(s);
		s = t;
	}
	return s;
}

int lesson_find(const char *name, struct lesson **out, char **error)
{
	char **v = NULL, *path, *where;
	size_t n = 0;
	struct stat st;
	int err;

	*out = NULL;
	*error = NULL;
	if (!name_ok(name)) {
		if (particle_asprintf(error, _("no lesson '%s': a lesson's name has no '/' and does not start with '.'"),
			     name) < 0)
			*error = NULL;
		return -EINVAL;
	}
	err = lesson_dirs(&v, &n);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s" LESSON_SUFFIX, v[i], name) < 0) {
			strings_free(v, n);
			return -ENOMEM;
		}
		if (stat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) {
			err = lesson_load(path, out, error);
			free(path);
			strings_free(v, n);
			return err;
		}
		free(path);
	}
	where = joined(v, n);
	strings_free(v, n);
	if (!where || asprintf(error, _("no lesson '%s' (looked in %s)"), name, where) < 0)
		*error = NULL;
	free(where);
	return -ENOENT;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the names of DIR's NAME.lesson files. */
static int names_in(const char *dir, char ***v, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int err = 0;

	if (!d)
		return 0;	/* a directory that is not there has none */
	while (!err && (e = readdir(d))) {
		size_t len = strlen(e->d_name), suffix = strlen(LESSON_SUFFIX);
		struct stat st;
		char *name;

		if (len <= suffix || !streq(e->d_name + len - suffix, LESSON_SUFFIX) ||
		    e->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, 0) < 0 || !S_ISREG(st.st_mode))
			continue;
		name = strndup(e->d_name, len - suffix);
		if (!name) {
			err = -ENOMEM;
			break;
		}
		err = add_string(v, n, name);
		free(name);
	}
	closedir(d);
	return err;
}

int lesson_names(char ***names, size_t *n)
{
	char **v = NULL, **d = NULL;
	size_t nv = 0, nd = 0, kept = 0;
	int err = lesson_dirs(&d, &nd);

	*names = NULL;
	*n = 0;
	for (size_t i = 0; !err && i < nd; i++)
		err = names_in(d[i], &v, &nv);
	strings_free(d, nd);
	if (err) {
		strings_free(v, nv);
		return err;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), by_name);
	for (size_t i = 0; i < nv; i++) {
		if (kept && streq(v[kept - 1], v[i]))
			free(v[i]);
		else
			v[kept++] = v[i];
	}
	*names = v;
	*n = kept;
	return 0;
}

void lesson_names_free(char **names, size_t n)
{
	strings_free(names, n);
}

char *lesson_solution_path(const struct lesson *l)
{
	size_t len, suffix = strlen(LESSON_SUFFIX);
	char *path;

	if (!l || !l->path)
		return NULL;
	len = strlen(l->path);
	if (len > suffix && streq(l->path + len - suffix, LESSON_SUFFIX))
		len -= suffix;
	if (asprintf(&path, "%.*s.solution", (int)len, l->path) < 0)
		return NULL;
	if (access(path, R_OK) < 0) {
		free(path);
		return NULL;
	}
	return path;
}

/* ---- the learner's language ---- */

/* Korean or English, as gettext would choose: LANGUAGE's first language
 * nstutor has (unless messages are in the C locale, where gettext
 * ignores LANGUAGE), else the LC_MESSAGES locale. */
bool lesson_korean(void)
{
	const char *loc = setlocale(LC_MESSAGES, NULL);
	const char *list = getenv("LANGUAGE");

	if (!loc || streq(loc, "C") || streq(loc, "POSIX"))
		return false;
	while (list && *list) {
		size_t len = strcspn(list, ":");

		if (len >= 2 && strncmp(list, "ko", 2) == 0 &&
		    (len == 2 || !isalpha((unsigned char)list[2])))
			return true;
		if ((len >= 2 && strncmp(list, "en", 2) == 0) ||
		    (len == 1 && list[0] == 'C'))
			return false;
		list += len + (list[len] == ':');
	}
	return strncmp(loc, "ko", 2) == 0;
}

const char *ltext_get(const struct ltext *t)
{
	if (t->ko && lesson_korean())
		return t->ko;
	return t->en;
}

void lesson_warn(const struct lesson *l)
{
	for (size_t i = 0; i < l->n_warnings; i++) {
		fflush(stdout);
		fprintf(stderr, _("nstutor: warning: %s\n"), l->warnings[i]);
	}
}

const struct lesson_hint *lesson_hint_now(const struct lesson_step *s,
					  bool *matched)
{
	const struct lesson_hint *fallback = NULL;
	char why[256];

	*matched = false;
	for (size_t i = 0; i < s->n_hints; i++) {
		const struct lesson_hint *h = &s->hints[i];

		if (!h->has_when) {
			if (!fallback)
				fallback = h;
			continue;
		}
		if (check_eval(&h->when, why, sizeof(why)) == 1) {
			*matched = true;
			return h;
		}
	}
	return fallback;
}
