/* unit-particle.c: Korean particles after a name follow its sound, and
 * po/ko.po writes a particle after a name in the form that can follow. */
#include "system.h"

#include <ctype.h>
#include <dirent.h>

#include "particle.h"
#include "tap.h"

/* ---- the rule ---- */

/* A name and the five particles it takes, as a Korean reads it. */
struct reading {
	const char *name;
	const char *topic, *subject, *object, *with, *towards;
};

static const struct reading readings[] = {
	{"RED", "는", "가", "를", "와", "로"},		/* 레드 */
	{"BLUE", "는", "가", "를", "와", "로"},	/* 블루 */
	{"br0", "은", "이", "을", "과", "으로"},	/* 비알영 */
	{"reth1", "은", "이", "을", "과", "로"},	/* 알이티에이치일 */
	{"beth0", "은", "이", "을", "과", "으로"},	/* …영 */
	{"veth0", "은", "이", "을", "과", "으로"},	/* …영 */
	{"uplink0", "은", "이", "을", "과", "으로"},	/* …영 */
	{"internet", "은", "이", "을", "과", "으로"}, /* 인터넷 */
	{"11.11.11.3", "은", "이", "을", "과", "으로"}, /* …삼 */
	{"198.51.100.2", "는", "가", "를", "와", "로"}, /* …이 */
	{"10.200.0.3", "은", "이", "을", "과", "으로"}, /* …삼 */
	{"v-net-0", "은", "이", "을", "과", "으로"},	/* …영 */
	{"direct_netns", "는", "가", "를", "와", "로"}, /* …넷엔에스 */
	{"NAVY", "는", "가", "를", "와", "로"},	/* 네이비 */
	{"FORWARD", "는", "가", "를", "와", "로"},	/* 포워드 */
	{"lo", "는", "가", "를", "와", "로"},		/* 로 */
	{"eth0", "은", "이", "을", "과", "으로"},	/* …영 */
	/* the rest of the digits: 2 이 4 사 5 오 9 구; 6 육; 7 칠 8 팔 */
	{"ns2", "는", "가", "를", "와", "로"},
	{"10.0.0.4", "는", "가", "를", "와", "로"},
	{"port 5", "는", "가", "를", "와", "로"},
	{"veth9", "는", "가", "를", "와", "로"},
	{"eth6", "은", "이", "을", "과", "으로"},
	{"ns7", "은", "이", "을", "과", "로"},
	{"11.11.11.0/28", "은", "이", "을", "과", "로"},
	{"10", "은", "이", "을", "과", "으로"},		/* 십 */
	/* letters spelled out, and English read as a Korean reads it */
	{"NS", "는", "가", "를", "와", "로"},		/* 엔에스 */
	{"BR", "은", "이", "을", "과", "로"},		/* 비알 */
	{"HTML", "은", "이", "을", "과", "로"},	/* …엘 */
	{"PM", "은", "이", "을", "과", "으로"},	/* 피엠 */
	{"tcp", "는", "가", "를", "와", "로"},		/* 티씨피 */
	{"sysctl", "은", "이", "을", "과", "로"},	/* 시스컨트롤 */
	{"kernel", "은", "이", "을", "과", "로"},	/* 커널 */
	{"table", "은", "이", "을", "과", "로"},	/* 테이블 */
	{"chain", "은", "이", "을", "과", "으로"},	/* 체인 */
	{"ping", "은", "이", "을", "과", "으로"},	/* 핑 */
	{"timeout", "은", "이", "을", "과", "으로"},	/* 타임아웃 */
	{"DROP", "은", "이", "을", "과", "으로"},	/* 드롭 */
	{"mac", "은", "이", "을", "과", "으로"},	/* 맥 */
	{"stack", "은", "이", "을", "과", "으로"},	/* 스택 */
	{"name", "은", "이", "을", "과", "으로"},	/* 네임 */
	{"link", "는", "가", "를", "와", "로"},	/* 링크 */
	{"port", "는", "가", "를", "와", "로"},	/* 포트 */
	{"ACCEPT", "는", "가", "를", "와", "로"},	/* 액셉트 */
	{"loop", "는", "가", "를", "와", "로"},	/* 루프 */
	{"log", "는", "가", "를", "와", "로"},		/* 로그 */
	{"route", "는", "가", "를", "와", "로"},	/* 라우트 */
	{"ip", "는", "가", "를", "와", "로"},		/* 아이피 */
	{"IPv6", "는", "가", "를", "와", "로"},	/* 아이피브이식스 */
	/* Hangul by its final consonant */
	{"빨강", "은", "이", "을", "과", "으로"},
	{"파랑이", "는", "가", "를", "와", "로"},
	{"서울", "은", "이", "을", "과", "로"},
	/* quotes and an aside are looked through */
	{"\"RED\"", "는", "가", "를", "와", "로"},
	{"'reth1'", "은", "이", "을", "과", "로"},
	{"keeper(pid 7)", "는", "가", "를", "와", "로"},
	{"서버 (pid 40)", "는", "가", "를", "와", "로"},
	{"(RED)", "는", "가", "를", "와", "로"},
};

static void resolved(const char *name, const char *dbl, const char *want)
{
	char got[256], expect[256];

	snprintf(got, sizeof(got), "%s%s 있다", name, dbl);
	snprintf(expect, sizeof(expect), "%s%s 있다", name, want);
	is_str(particle_resolve(got), expect, "%s%s", name, dbl);
}

static void test_readings(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(readings); i++) {
		const struct reading *r = &readings[i];

		resolved(r->name, "은(는)", r->topic);
		resolved(r->name, "이(가)", r->subject);
		resolved(r->name, "을(를)", r->object);
		resolved(r->name, "와(과)", r->with);
		resolved(r->name, "(으)로", r->towards);
	}
}

static void test_resolve(void)
{
	char s[256];
	int n;

	strcpy(s, "veth0와(과) reth1은(는) 가상 케이블의 양 끝입니다");
	is_str(particle_resolve(s), "veth0과 reth1은 가상 케이블의 양 끝입니다",
	       "every double form in a message");
	strcpy(s, "RED(이)라는 것과 br0(이)라는 것");
	is_str(particle_resolve(s), "RED라는 것과 br0이라는 것", "(이)라는");
	strcpy(s, "는(은) 가(이) 를(을) 과(와) 앞에 아무것도");
	is_str(particle_resolve(s), s,
	       "nothing readable before: the double form stays");
	strcpy(s, "☃이(가) 있다");
	is_str(particle_resolve(s), "☃이(가) 있다",
	       "a symbol is not read: the double form stays");
	strcpy(s, "RED는(은) BLUE가(이) br0를(을) reth1과(와)");
	is_str(particle_resolve(s), "RED는 BLUE가 br0을 reth1과",
	       "the reversed double forms too");
	strcpy(s, "(이)");
	is_str(particle_resolve(s), "(이)", "an aside (이) is no copula");
	strcpy(s, "");
	is_str(particle_resolve(s), "", "the empty text");

	ok(particle_has_double("%s을(를) 지울 수 없습니다"), "has a double form");
	ok(!particle_has_double("cannot delete %s (%s)"),
	   "English has none");
	n = particle_snprintf(s, sizeof(s), "%s(으)로 가는 길", "reth1");
	is_str(s, "reth1로 가는 길", "particle_snprintf resolves");
	ok(n == (int)strlen(s), "and returns the length it left");
	particle_snprintf(s, sizeof(s), "no route to %s", "은(는)");
	is_str(s, "no route to 은(는)",
	       "a format without a double form is printed as it is");
	n = particle_snprintf(s, 8, "%s이(가) 없다", "RED");
	ok(n >= 8, "cut short: the length it would have had");
	ok(strlen(s) < 8, "and the text fits");
	{
		char *a = NULL;

		n = particle_asprintf(&a, "%s와(과) %s", "br0", "RED");
		is_str(a, "br0과 RED", "particle_asprintf resolves");
		ok(a && n == (int)strlen(a), "and returns its length");
		free(a);
	}
}

/* ---- po/ko.po ---- */

struct po_text {
	char *s;
	size_t len, size;
};

static void po_clear(struct po_text *t)
{
	t->len = 0;
	if (t->s)
		t->s[0] = '\0';
}

static void po_add(struct po_text *t, char c)
{
	if (t->len + 2 > t->size) {
		t->size = t->size ? 2 * t->size : 256;
		t->s = realloc(t->s, t->size);
		if (!t->s)
			abort();
	}
	t->s[t->len++] = c;
	t->s[t->len] = '\0';
}

/* Appends the C-escaped string between the quotes of line, unescaped
 * or (raw) as it is written. */
static void po_add_quoted(struct po_text *t, const char *line, bool raw)
{
	const char *p = strchr(line, '"');

	if (!p)
		return;
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\' || !p[1]) {
			po_add(t, *p);
			continue;
		}
		if (raw)
			po_add(t, *p);
		p++;
		po_add(t, raw ? *p : *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
	}
}

/* The end of the conversion that starts at s[i] ('%'), or 0. */
static size_t conversion_end(const char *s, size_t i)
{
	size_t j = i + 1;

	if (s[j] == '%')
		return 0;
	while (s[j] && (isdigit((unsigned char)s[j]) || strchr("$-+ #.*", s[j])))
		j++;
	while (strchr("hlzjt", s[j]) && s[j])
		j++;
	return s[j] && strchr("diouxXcsp", s[j]) ? j + 1 : 0;
}

static bool is_conversion_end(const char *s, size_t end)
{
	for (size_t i = 0; i < end; i++) {
		size_t e;

		if (s[i] != '%')
			continue;
		if (s[i + 1] == '%') {
			i++;
			continue;
		}
		e = conversion_end(s, i);
		if (e == end)
			return true;
	}
	return false;
}

static bool starts(const char *s, const char *word)
{
	return strncmp(s, word, strlen(word)) == 0;
}

static bool starts_hangul(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;

	if ((u[0] & 0xf0) != 0xe0 || !u[1] || !u[2])
		return false;
	cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
	return cp >= 0xac00 && cp <= 0xd7a3;
}

/* The single form at s that is wrong after some name, or NULL. */
static const char *single_form(const char *s)
{
	static const char *const always[] = {
		"은", "는", "을", "를", "와", "과", "가", "으로", "로",
		"라", "나", "랑", "며", "야", "이라", "이나", "이랑",
	};

	if (starts(s, "이") && !starts_hangul(s + strlen("이")))
		return "이";
	for (size_t i = 0; i < ARRAY_SIZE(always); i++)
		if (starts(s, always[i]))
			return always[i];
	return NULL;
}

static const char *const double_forms[] = {
	"은(는)", "는(은)", "이(가)", "가(이)", "을(를)", "를(을)",
	"와(과)", "과(와)", "(으)로", "(이)",
};

static const char *double_form(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(double_forms); i++)
		if (starts(s, double_forms[i]))
			return double_forms[i];
	return NULL;
}

struct po_scan {
	unsigned int messages, particles, bad;
};

/* Each particle in msgstr s: after a conversion it must be a double
 * form, and a double form must have something to be read before it. */
static void scan_msgstr(struct po_scan *sc, const char *s, unsigned int line)
{
	bool counted = false;

	for (size_t i = 1; s[i]; i++) {
		const char *dbl = double_form(s + i), *single;
		size_t at;

		/* a particle starts a word: not after a Hangul syllable */
		if ((unsigned char)s[i] >= 0x80 && ((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (i >= 3 && starts_hangul(s + i - 3))
			continue;
		at = particle_anchor(s, i);
		if (dbl && !is_conversion_end(s, at) &&
		    particle_final(s, i) == PARTICLE_UNKNOWN &&
		    !streq(dbl, "(이)")) {
			sc->bad++;
			ok(0, "ko.po:%u: %s after nothing readable: \"%s\"", line,
			   dbl, s);
		}
		if (dbl) { /* not again inside it: the 로 of (으)로, 라는 */
			size_t end = i + strlen(dbl);

			while (starts_hangul(s + end))
				end += 3;
			i = end - 1;
		}
		if (!is_conversion_end(s, at))
			continue;
		single = dbl ? NULL : single_form(s + i);
		if (!dbl && !single)
			continue;
		sc->particles++;
		if (!counted)
			sc->messages++;
		counted = true;
		if (single) {
			sc->bad++;
			ok(0, "ko.po:%u: \"%s\" after a name must be a double form: "
			      "\"%s\"", line, single, s);
		}
	}
}

/* ---- the sources: every such message is printed by a function that
 * resolves its particles ---- */

/* What formats a message and resolves its particles: out.h and
 * particle.h, and the wrappers of them that the sources keep. */
static const char *const resolving[] = {
	"out_error", "out_hint", "out_note", "out_printf", "out_fprintf",
	"particle_snprintf", "particle_asprintf",
	"check_say", "refuse", "spec_refuse",	/* check.c, check-fw.c */
	"fail_at", "warn_at",			/* lesson.c */
	"changes_say_at",			/* changes-text.c */
	"note",					/* timeline.c */
};

struct source {
	char name[256];
	char *text;
};

static struct source *sources;
static size_t n_sources;

static void load_sources(const char *srcdir)
{
	char dir[4096];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/src", srcdir);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name), len;
		char path[8192];
		struct source *grown;
		FILE *f;

		if (n < 3 || !streq(e->d_name + n - 2, ".c"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		grown = realloc(sources, (n_sources + 1) * sizeof(*sources));
		if (!grown)
			abort();
		sources = grown;
		snprintf(sources[n_sources].name, sizeof(sources[0].name), "%s",
			 e->d_name);
		sources[n_sources].text = malloc(1 << 20);
		len = fread(sources[n_sources].text, 1, (1 << 20) - 1, f);
		sources[n_sources].text[len] = '\0';
		fclose(f);
		n_sources++;
	}
	closedir(d);
}

/* The function whose call holds the text at p, or "" when none does. */
static void enclosing_call(const char *text, const char *p, char *name,
			   size_t size)
{
	const char *q = p, *end;
	int depth = 0;

	name[0] = '\0';
	while (q > text) {
		q--;
		if (*q == '"') { /* over a string, backwards */
			while (q > text && !(q[-1] == '"' && (q - 1 == text ||
							      q[-2] != '\\')))
				q--;
			if (q > text)
				q--;
			continue;
		}
		if (*q == ')')
			depth++;
		else if (*q == '(' && depth-- == 0)
			break;
		else if (depth == 0 && strchr(";{}", *q))
			return;
	}
	while (q > text && q[-1] == ' ')
		q--;
	end = q;
	while (q > text && (isalnum((unsigned char)q[-1]) || q[-1] == '_'))
		q--;
	snprintf(name, size, "%.*s", (int)(end - q), q);
}

static bool is_resolving(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(resolving); i++)
		if (streq(name, resolving[i]))
			return true;
	return false;
}

static unsigned int line_of(const char *text, const char *p)
{
	unsigned int line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

/* msgid (as po writes it, which is as C writes it) is translated with
 * a double form: each _("msgid") in the sources must be formatted by a
 * function that resolves it. */
static unsigned int lint_msgid(const char *msgid)
{
	char needle[64];
	unsigned int found = 0;
	size_t n = strlen(msgid);

	if (n > 24)
		n = 24;
	while (n > 0 && msgid[n - 1] == '\\')
		n--;
	snprintf(needle, sizeof(needle), "_(\"%.*s", (int)n, msgid);
	for (size_t i = 0; i < n_sources; i++) {
		const char *text = sources[i].text, *p = text;

		while ((p = strstr(p, needle))) {
			char name[64];

			found++;
			if (p > text && (isalnum((unsigned char)p[-1]) ||
					 p[-1] == '_')) { /* N_("…") in a table */
				p++;
				continue;
			}
			enclosing_call(text, p, name, sizeof(name));
			if (!is_resolving(name))
				ok(0, "src/%s:%u: \"%s…\" has a double form in "
				      "ko.po but goes through %s(), which does "
				      "not resolve it (out.h, particle.h)",
				   sources[i].name, line_of(text, p), needle + 3,
				   name[0] ? name : "no call");
			p++;
		}
	}
	return found;
}

static void test_po(void)
{
	const char *srcdir = getenv("top_srcdir");
	char path[4096], buf[8192];
	struct po_text id = {0}, str = {0};
	struct po_scan sc = {0};
	enum { NONE, MSGID, MSGSTR } in = NONE;
	unsigned int line = 0, start = 0, linted = 0, not_found = 0;
	FILE *f;

	if (!srcdir)
		srcdir = ".";
	load_sources(srcdir);
	ok(n_sources > 50, "read the %zu sources in %s/src", n_sources, srcdir);
	snprintf(path, sizeof(path), "%s/po/ko.po", srcdir);
	f = fopen(path, "r");
	ok(f != NULL, "read %s", path);
	if (!f)
		return;
	for (;;) {
		bool more = fgets(buf, sizeof(buf), f) != NULL;

		line++;
		if (in != NONE && more && buf[0] == '"') {
			po_add_quoted(in == MSGID ? &id : &str, buf,
				      in == MSGID);
			continue;
		}
		if (in == MSGSTR && str.s && id.s && id.s[0]) {
			scan_msgstr(&sc, str.s, start);
			if (particle_has_double(str.s)) {
				linted++;
				not_found += lint_msgid(id.s) == 0;
			}
		}
		in = NONE;
		if (!more)
			break;
		if (starts(buf, "msgid ")) {
			in = MSGID;
			po_clear(&id);
			po_add_quoted(&id, buf, true);
		} else if (starts(buf, "msgstr")) {
			in = MSGSTR;
			start = line;
			po_clear(&str);
			po_add_quoted(&str, buf, false);
		}
	}
	fclose(f);
	free(id.s);
	free(str.s);
	ok(sc.messages > 100, "ko.po: %u messages with %u particles right after "
	   "a name, all in the double form", sc.messages, sc.particles);
	ok(sc.bad == 0, "ko.po: no particle after a name in a single form");
	ok(linted > 100, "the sources print the %u messages with a double form "
	   "through out.h or particle.h", linted);
	printf("# ko.po: %u Korean messages checked, %u particles after a "
	       "name; %u messages with a double form (%u not found as _(\"…\"))\n",
	       sc.messages, sc.particles, linted, not_found);
	for (size_t i = 0; i < n_sources; i++)
		free(sources[i].text);
	free(sources);
}

int main(void)
{
	test_readings();
	test_resolve();
	test_po();
	return tap_done();
}
