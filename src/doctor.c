/* doctor.c: the doctor's report: its findings, in order, and printing. */
#include "system.h"

#include <langinfo.h>

#include "doctor.h"
#include "out.h"

#define GREEN  "\033[32m"
#define YELLOW "\033[33m"
#define RED    "\033[31m"
#define DIM    "\033[2m"
#define BOLD   "\033[1m"
#define RESET  "\033[0m"

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

int doctor_add(struct doctor_report *r, enum doctor_level level,
	       const char *title, const char *seen, const char *meaning)
{
	struct doctor_finding *v, *f;

	v = realloc(r->findings, (r->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	r->findings = v;
	f = &v[r->n];
	f->level = level;
	f->title = dup_or_empty(title);
	f->seen = dup_or_empty(seen);
	f->meaning = dup_or_empty(meaning);
	if (!f->title || !f->seen || !f->meaning) {
		free(f->title);
		free(f->seen);
		free(f->meaning);
		return -ENOMEM;
	}
	r->n++;
	return 0;
}

int doctor_text_open(struct doctor_text *t)
{
	*t = (struct doctor_text){0};
	t->f = open_memstream(&t->buf, &t->len);
	return t->f ? 0 : -ENOMEM;
}

char *doctor_text_close(struct doctor_text *t)
{
	bool failed = ferror(t->f);

	if (fclose(t->f) != 0 || failed) {
		free(t->buf);
		t->buf = NULL;
	}
	t->f = NULL;
	return t->buf;
}

int doctor_add_text(struct doctor_report *r, enum doctor_level level,
		    const char *title, struct doctor_text *t,
		    const char *meaning)
{
	char *seen = doctor_text_close(t);
	int err;

	if (!seen)
		return -ENOMEM;
	err = doctor_add(r, level, title, seen, meaning);
	free(seen);
	return err;
}

const char *doctor_unreadable(int err)
{
	if (err == -EPERM)
		return _("Reading the firewall needs CAP_NET_ADMIN, so this "
			 "part of the report is missing. For a full report, "
			 "run: sudo nstutor doctor");
	if (err == -EACCES)
		return _("Only root may list iptables-legacy's tables "
			 "(/proc/net/ip_tables_names), even in a namespace of "
			 "one's own, so rules there are not shown. For a full "
			 "report on this machine, run: sudo nstutor doctor");
	return _("It could not be read, so whether it gets in a lesson's "
		 "way is not known.");
}

void doctor_report_free(struct doctor_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->findings[i].title);
		free(r->findings[i].seen);
		free(r->findings[i].meaning);
	}
	free(r->findings);
	*r = (struct doctor_report){0};
}

int doctor_run(const char *ns, struct doctor_report *out)
{
	int err;

	*out = (struct doctor_report){0};
	err = doctor_check_firewall(ns, out);
	if (err == 0)
		err = doctor_check_userns(out);
	if (err == 0)
		err = doctor_check_addresses(ns, out);
	if (err < 0)
		doctor_report_free(out);
	return err;
}

enum doctor_level doctor_worst(const struct doctor_report *r)
{
	enum doctor_level worst = DOCTOR_OK;

	for (size_t i = 0; i < r->n; i++) {
		enum doctor_level l = r->findings[i].level;

		if (l == DOCTOR_UNKNOWN)
			l = DOCTOR_WARN;
		if (l > worst)
			worst = l;
	}
	return worst;
}

static bool utf8_locale(void)
{
	const char *set = nl_langinfo(CODESET);

	return set && (streq(set, "UTF-8") || streq(set, "utf8"));
}

static const char *mark(enum doctor_level level)
{
	static const char *const utf8[] = {"✓", "!", "✗", "?"};
	static const char *const ascii[] = {"+", "!", "x", "?"};

	return utf8_locale() ? utf8[level] : ascii[level];
}

static void print_mark(enum doctor_level level)
{
	static const char *const color[] = {GREEN, YELLOW, RED, DIM};
	bool c = out_settings.color;

	printf("%s%s%s", c ? color[level] : "", mark(level), c ? RESET : "");
}

/* Every line of text, indented. */
static void print_indented(const char *text, const char *indent)
{
	while (*text) {
		size_t len = strcspn(text, "\n");

		printf("%s%.*s\n", indent, (int)len, text);
		text += len + (text[len] == '\n');
	}
}

static void print_finding(const struct doctor_finding *f)
{
	bool c = out_settings.color;

	print_mark(f->level);
	printf(" %s%s%s\n", c ? BOLD : "", f->title, c ? RESET : "");
	print_indented(f->seen, "    ");
	print_indented(f->meaning, "  ");
}

static void print_summary(enum doctor_level worst)
{
	switch (worst) {
	case DOCTOR_OK:
		puts(_("Nothing here gets in the way of the lessons."));
		break;
	case DOCTOR_PROBLEM:
		printf(_("Something here will make a lesson fail: see what is "
			 "marked %s above.\n"), mark(DOCTOR_PROBLEM));
		break;
	default:
		printf(_("Nothing here makes a lesson fail, but read what is "
			 "marked %s or %s above.\n"), mark(DOCTOR_WARN),
		       mark(DOCTOR_UNKNOWN));
		break;
	}
}

void doctor_print(const struct doctor_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		putchar('\n');
		print_finding(&r->findings[i]);
	}
	putchar('\n');
	print_summary(doctor_worst(r));
}
