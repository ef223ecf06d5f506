/* grade.c: nstutor --check LESSON: grading a world against a lesson.
 *
 * Loads the lesson (or every lesson, for "all"), evaluates each step's
 * checks in order (never its moments, never the setup: grading only
 * reads the kernel, apart from the packets of ping and http checks) and
 * prints the result as text for a teacher, as JSON, or as TAP.  For a
 * failing step the first failing check says what is wrong, and a hint
 * is chosen by the state as guided mode does: the first hint whose
 * when: holds, else the step's fallback.
 */
#include "system.h"

#include <langinfo.h>
#include <stdint.h>
#include <strings.h>

#include "check.h"
#include "grade.h"
#include "lesson.h"
#include "out.h"
#include "utf8.h"

#define GREEN  "\033[32m"
#define RED    "\033[31m"
#define YELLOW "\033[33m"
#define BOLD   "\033[1m"
#define RESET  "\033[0m"

enum { GRADE_PASS = 0, GRADE_FAIL = 1, GRADE_CANNOT = 2 };

struct step_grade {
	bool ok;
	char *failed;		/* the first failing check in words */
	const char *hint;	/* the lesson's text, or NULL */
};

struct lesson_grade {
	struct lesson *lesson;
	struct step_grade *steps;
	size_t passed;
};

int grade_format_parse(const char *s, enum grade_format *out)
{
	if (streq(s, "text"))
		*out = GRADE_TEXT;
	else if (streq(s, "json"))
		*out = GRADE_JSON;
	else if (streq(s, "tap"))
		*out = GRADE_TAP;
	else
		return -EINVAL;
	return 0;
}

/* ---- JSON strings ---- */

void grade_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	while (*p) {
		switch (*p) {
		case '"': fputs("\\\"", f); p++; continue;
		case '\\': fputs("\\\\", f); p++; continue;
		case '\b': fputs("\\b", f); p++; continue;
		case '\f': fputs("\\f", f); p++; continue;
		case '\n': fputs("\\n", f); p++; continue;
		case '\r': fputs("\\r", f); p++; continue;
		case '\t': fputs("\\t", f); p++; continue;
		default: break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\u%04x", *p++);
			continue;
		}
		n = utf8_sequence(p);
		if (n == 0) {
			fputs("\\ufffd", f);	/* an invalid byte */
			p++;
			continue;
		}
		fwrite(p, 1, n, f);
		p += n;
	}
	putc('"', f);
}

/* ---- grading ---- */

/* A lesson's text in the learner's language, never NULL. */
static const char *text_of(const struct ltext *t)
{
	const char *s = ltext_get(t);

	return s ? s : "";
}

/* The hint for a failing step, chosen by the state. */
static const char *choose_hint(const struct lesson_step *s)
{
	bool matched;
	const struct lesson_hint *h = lesson_hint_now(s, &matched);

	return h ? text_of(&h->text) : NULL;
}

/* A check that could not be asked for lack of rights: no grade at all. */
static bool denied(int r)
{
	return r == -EPERM || r == -EACCES;
}

/* Grades one step: 0, or -ENOMEM, or -EPERM/-EACCES (could not ask). */
static int grade_step(const struct lesson_step *s, struct step_grade *g)
{
	char why[512];
	int r;

	for (size_t i = 0; i < s->n_checks; i++) {
		const struct check *c = &s->checks[i];

		why[0] = '\0';
		r = check_eval(c, why, sizeof(why));
		if (r == 1)
			continue;
		if (!why[0])
			snprintf(why, sizeof(why), _("this does not hold: %s"),
				 c->text ? c->text : "?");
		g->failed = strdup(why);
		if (!g->failed)
			return -ENOMEM;
		g->hint = choose_hint(s);
		return denied(r) ? r : 0;
	}
	g->ok = true;
	return 0;
}

static void lesson_grade_free(struct lesson_grade *lg)
{
	if (lg->steps)
		for (size_t i = 0; i < lg->lesson->n_steps; i++)
			free(lg->steps[i].failed);
	free(lg->steps);
	lesson_free(lg->lesson);
	lg->steps = NULL;
	lg->lesson = NULL;
}

/* Grades every step of lg->lesson; 0 or -errno. */
static int grade_lesson(struct lesson_grade *lg)
{
	const struct lesson *l = lg->lesson;
	int err = 0, r;

	lg->steps = calloc(l->n_steps ? l->n_steps : 1, sizeof(*lg->steps));
	if (!lg->steps)
		return -ENOMEM;
	for (size_t i = 0; i < l->n_steps; i++) {
		r = grade_step(&l->steps[i], &lg->steps[i]);
		if (r == -ENOMEM)
			return r;
		if (r < 0 && !err)
			err = r;
		if (lg->steps[i].ok)
			lg->passed++;
	}
	return err;
}

/* ---- text ---- */

static bool locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (streq(cs, "UTF-8") || streq(cs, "utf8"));
}

static const char *color(const char *code)
{
	return out_settings.color ? code : "";
}

/* Every line of text after the first, indented to line up. */
static void print_lines(const char *text, const char *indent)
{
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			fputs(indent, stdout);
	}
}

static void print_text(const struct lesson_grade *lg)
{
	const struct lesson *l = lg->lesson;
	bool utf8 = locale_utf8();
	const char *yes = utf8 ? "✓" : "+", *no = utf8 ? "✗" : "x";
	const char *dash = utf8 ? " — " : " - ";

	printf("%s%s: %s%s\n", color(BOLD), l->name, text_of(&l->title),
	       color(RESET));
	for (size_t i = 0; i < l->n_steps; i++) {
		const struct step_grade *g = &lg->steps[i];

		printf("%s%s%s [%zu/%zu] %s", color(g->ok ? GREEN : RED),
		       g->ok ? yes : no, color(RESET), i + 1, l->n_steps,
		       text_of(&l->steps[i].title));
		if (!g->ok) {
			fputs(dash, stdout);
			print_lines(g->failed, "      ");
		}
		putchar('\n');
		if (!g->ok && g->hint) {
			/* the same words as the hints after errors */
			printf("      %s%s", color(YELLOW), _("hint: "));
			print_lines(g->hint, "      ");
			printf("%s\n", color(RESET));
		}
	}
	printf(_("%s: %zu of %zu steps pass\n"), l->name, lg->passed,
	       l->n_steps);
}

/* ---- JSON ---- */

static void print_json(const struct lesson_grade *lg)
{
	const struct lesson *l = lg->lesson;

	fputs("{\"lesson\": ", stdout);
	grade_json_string(stdout, l->name);
	printf(", \"ok\": %s, \"passed\": %zu, \"total\": %zu, \"steps\": [",
	       lg->passed == l->n_steps ? "true" : "false", lg->passed,
	       l->n_steps);
	for (size_t i = 0; i < l->n_steps; i++) {
		const struct step_grade *g = &lg->steps[i];

		fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
		grade_json_string(stdout, l->steps[i].id);
		fputs(", \"title\": ", stdout);
		grade_json_string(stdout, text_of(&l->steps[i].title));
		printf(", \"ok\": %s, \"failed_check\": ", g->ok ? "true" : "false");
		grade_json_string(stdout, g->ok ? NULL : g->failed);
		fputs(", \"hint\": ", stdout);
		grade_json_string(stdout, g->ok ? NULL : g->hint);
		putchar('}');
	}
	fputs("]}", stdout);
}

/* ---- TAP ---- */

/* A TAP description: one line, '#' and '\' escaped. */
static void tap_text(const char *s)
{
	for (; *s; s++) {
		if (*s == '#' || *s == '\\')
			putchar('\\');
		putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/* A TAP comment: one line per line. */
static void tap_comment(const char *prefix, const char *s)
{
	printf("# %s", prefix);
	for (; *s; s++) {
		putchar(*s);
		if (*s == '\n' && s[1])
			fputs("# ", stdout);
	}
	putchar('\n');
}

/* The words after "# " of a failing test; never read as SKIP or TODO. */
static void tap_reason(const char *why)
{
	if (strncasecmp(why, "skip", 4) == 0 || strncasecmp(why, "todo", 4) == 0)
		fputs("- ", stdout);
	for (; *why; why++)
		putchar(*why == '\n' || *why == '\r' ? ' ' : *why);
}

static void print_tap(const struct lesson_grade *lg, size_t *n, bool named)
{
	const struct lesson *l = lg->lesson;
	char head[512];

	snprintf(head, sizeof(head), "%s: ", l->name);
	tap_comment(head, text_of(&l->title));
	for (size_t i = 0; i < l->n_steps; i++) {
		const struct step_grade *g = &lg->steps[i];

		printf("%sok %zu - ", g->ok ? "" : "not ", ++*n);
		if (named)
			printf("%s/", l->name);
		tap_text(l->steps[i].id);
		fputs(": ", stdout);
		tap_text(text_of(&l->steps[i].title));
		if (!g->ok) {
			fputs(" # ", stdout);
			tap_reason(g->failed);
		}
		putchar('\n');
		if (!g->ok && g->hint)
			tap_comment(_("hint: "), g->hint);
	}
}

/* ---- the whole run ---- */

/* Loads lesson NAME into lg; false (with the error said) when it
 * cannot. */
static bool load(const char *name, struct lesson_grade *lg)
{
	char *error = NULL;
	int r = lesson_find(name, &lg->lesson, &error);

	if (r == 0) {
		lesson_warn(lg->lesson);
		return true;
	}
	if (error)
		out_error("nstutor: %s", error);
	else
		out_error(_("nstutor: cannot load lesson '%s': %s"), name,
			  out_strerror(-r));
	free(error);
	lg->lesson = NULL;
	return false;
}

/* The lessons to grade: NAME, or every lesson for "all".  *n may be
 * less than asked for when some could not be loaded (*status is then
 * GRADE_CANNOT). */
static struct lesson_grade *load_all(const char *name, size_t *n, int *status)
{
	struct lesson_grade *lgs;
	char **names = NULL;
	size_t n_names = 0;

	*n = 0;
	if (!streq(name, "all")) {
		lgs = calloc(1, sizeof(*lgs));
		if (!lgs)
			return NULL;
		if (load(name, &lgs[0]))
			*n = 1;
		else
			*status = GRADE_CANNOT;
		return lgs;
	}
	if (lesson_names(&names, &n_names) < 0 || n_names == 0) {
		out_error(_("nstutor: no lessons found (give a directory with --lessons)"));
		lesson_names_free(names, n_names);
		*status = GRADE_CANNOT;
		return calloc(1, sizeof(*lgs));
	}
	lgs = calloc(n_names, sizeof(*lgs));
	for (size_t i = 0; lgs && i < n_names; i++) {
		if (load(names[i], &lgs[*n]))
			++*n;
		else
			*status = GRADE_CANNOT;
	}
	lesson_names_free(names, n_names);
	return lgs;
}

static void print_all(const struct lesson_grade *lgs, size_t n,
		      enum grade_format format, bool all)
{
	size_t total = 0, passed = 0, t = 0;

	for (size_t i = 0; i < n; i++) {
		total += lgs[i].lesson->n_steps;
		passed += lgs[i].passed;
	}
	if (format == GRADE_TAP)
		printf("1..%zu\n", total);
	if (format == GRADE_JSON && all)
		putchar('[');
	for (size_t i = 0; i < n; i++) {
		switch (format) {
		case GRADE_TEXT:
			if (i)
				putchar('\n');
			print_text(&lgs[i]);
			break;
		case GRADE_JSON:
			if (i)
				fputs(",\n ", stdout);
			print_json(&lgs[i]);
			break;
		case GRADE_TAP:
			print_tap(&lgs[i], &t, all);
			break;
		}
	}
	if (format == GRADE_JSON)
		fputs(all ? "]\n" : "\n", stdout);
	if (format == GRADE_TEXT && all && n > 1)
		printf(_("\nall %zu lessons: %zu of %zu steps pass\n"), n, passed,
		       total);
}

int grade_run(const char *name, enum grade_format format)
{
	int status = GRADE_PASS, r;
	bool all = streq(name, "all");
	struct lesson_grade *lgs;
	size_t n;

	lgs = load_all(name, &n, &status);
	if (!lgs) {
		out_error("nstutor: %s", out_strerror(ENOMEM));
		return GRADE_CANNOT;
	}
	for (size_t i = 0; i < n; i++) {
		r = grade_lesson(&lgs[i]);
		if (r == -ENOMEM) {
			out_error("nstutor: %s", out_strerror(ENOMEM));
			status = GRADE_CANNOT;
			goto out;
		}
		if (r < 0) {
			/* shown as failing steps, but no grade */
			out_error(_("nstutor: cannot grade %s: %s"),
				  lgs[i].lesson->name, out_strerror(-r));
			status = GRADE_CANNOT;
		} else if (lgs[i].passed < lgs[i].lesson->n_steps &&
			   status == GRADE_PASS) {
			status = GRADE_FAIL;
		}
	}
	if (n)
		print_all(lgs, n, format, all);
out:
	fflush(stdout);
	for (size_t i = 0; i < n; i++)
		lesson_grade_free(&lgs[i]);
	free(lgs);
	return status;
}
