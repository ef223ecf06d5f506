/* unit-lesson.c: lesson files load whole (every field, both languages),
 * warn about missing Korean, and are found in the lesson directories in
 * lesson.h's order. */
#include "system.h"

#include <locale.h>
#include <sys/stat.h>

#include "lesson.h"
#include "tap.h"

static char tmp[] = "/tmp/unit-lesson-XXXXXX";

static const char good[] =
	"# a lesson with every field\n"
	"lesson: good\n"
	"title: Every field\n"
	"title.ko: 모든 필드\n"
	"source: tutorial 003 (실습 2), 000\n"
	"about: What it teaches,\n"
	"about.ko: 가르치는 것,\n"
	"about: in two lines.\n"
	"about.ko: 두 줄로.\n"
	"setup: ip netns add RED\n"
	"setup: ip netns add BLUE\n"
	"\n"
	"step: make-ns\n"
	"   title: Make RED\n"
	"title.ko:   RED 만들기   \n"
	"text: First line.\n"
	"text: Second line.\n"
	"text.ko: 첫 줄.\n"
	"text.ko: 둘째 줄.\n"
	"try: ip netns add RED\n"
	"try: ip -n RED link set lo up\n"
	"check: netns RED\n"
	"check: !netns GREEN\n"
	"moment: noping RED 11.11.11.3\n"
	"when: !netns RED\n"
	"# a comment between when: and its hint:\n"
	"hint: RED does not exist yet: ip netns add RED\n"
	"hint.ko: RED가 아직 없습니다: ip netns add RED\n"
	"hint: Look at ip netns.\n"
	"hint.ko: ip netns 를 보세요.\n"
	"step: Step-2\r\n"
	"title: Address\r\n"
	"title.ko: 주소\r\n"
	"check: addr RED reth0 11.11.11.2/24";	/* no newline at the end */

static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

static char *make_dir(const char *sub)
{
	char *path, *cmd;

	if (asprintf(&path, "%s/%s", tmp, sub) < 0)
		return NULL;
	if (asprintf(&cmd, "mkdir -p '%s'", path) < 0)
		return NULL;
	if (system(cmd) != 0)
		ok(0, "mkdir %s", path);
	free(cmd);
	return path;
}

static void test_good(void)
{
	_cleanup_free_ char *path = write_file(tmp, "good.lesson", good);
	struct lesson *l;
	struct lesson_step *s;
	char *error = NULL;
	int err = lesson_load(path, &l, &error);

	ok(err == 0, "a good lesson loads (%s)", error ? error : "no error");
	if (err) {
		free(error);
		return;
	}
	ok(error == NULL, "with no error");
	is_str(l->name, "good", "name");
	is_str(l->path, path, "path");
	is_str(l->title.en, "Every field", "title");
	is_str(l->title.ko, "모든 필드", "title.ko");
	is_str(l->source, "tutorial 003 (실습 2), 000", "source (a ':' free value with commas)");
	is_str(l->about.en, "What it teaches,\nin two lines.", "about: one paragraph of two lines");
	is_str(l->about.ko, "가르치는 것,\n두 줄로.", "about.ko: interleaved with about:");
	ok(l->n_setup == 2, "two setup commands");
	if (l->n_setup == 2) {
		is_str(l->setup[0], "ip netns add RED", "setup 1");
		is_str(l->setup[1], "ip netns add BLUE", "setup 2, in order");
	}
	ok(l->n_warnings == 0, "no warnings (%zu)", l->n_warnings);
	ok(l->n_steps == 2, "two steps");
	if (l->n_steps != 2)
		goto out;
	s = &l->steps[0];
	is_str(s->id, "make-ns", "step id");
	ok(s->line == 13, "step line 13 (%u)", s->line);
	is_str(s->title.en, "Make RED", "step title, indented");
	is_str(s->title.ko, "RED 만들기", "step title.ko, blanks trimmed");
	is_str(s->text.en, "First line.\nSecond line.", "text");
	is_str(s->text.ko, "첫 줄.\n둘째 줄.", "text.ko");
	ok(s->n_try == 2 && streq(s->try[1], "ip -n RED link set lo up"), "two tries");
	ok(s->n_checks == 2, "two checks");
	if (s->n_checks == 2) {
		ok(s->checks[0].kind == CHECK_NETNS && !s->checks[0].negate,
		   "check 1: netns");
		ok(s->checks[1].kind == CHECK_NETNS && s->checks[1].negate,
		   "check 2: !netns");
		is_str(s->checks[1].text, "!netns GREEN", "the check as written");
	}
	ok(s->n_moments == 1 && s->moments[0].kind == CHECK_NOPING, "a moment: noping");
	ok(s->n_hints == 2, "two hints");
	if (s->n_hints == 2) {
		ok(s->hints[0].has_when && s->hints[0].when.kind == CHECK_NETNS &&
		   s->hints[0].when.negate, "hint 1 has its when: !netns RED");
		is_str(s->hints[0].text.en, "RED does not exist yet: ip netns add RED", "hint 1");
		is_str(s->hints[0].text.ko, "RED가 아직 없습니다: ip netns add RED", "hint 1 ko");
		ok(!s->hints[1].has_when && s->hints[1].when.kind == CHECK_NONE,
		   "hint 2 is the fallback");
		is_str(s->hints[1].text.ko, "ip netns 를 보세요.", "hint 2 ko");
	}
	s = &l->steps[1];
	is_str(s->id, "Step-2", "step 2 id (CRLF line)");
	is_str(s->title.en, "Address", "step 2 title without its \\r");
	ok(s->n_checks == 1 && s->checks[0].kind == CHECK_ADDR,
	   "the last line, without a newline, is read");
	ok(s->text.en == NULL && s->n_hints == 0 && s->n_try == 0,
	   "a step may have only a title and a check");
out:
	lesson_free(l);
}

static void test_korean_missing(void)
{
	static const char text[] =
		"lesson: noko\n"
		"title: No Korean\n"
		"about: about\n"
		"step: a\n"
		"title: A\n"
		"text: text\n"
		"check: netns RED\n"
		"hint: a hint\n";
	_cleanup_free_ char *path = write_file(tmp, "noko.lesson", text);
	_cleanup_free_ char *w1 = NULL, *w2 = NULL, *w3 = NULL, *w4 = NULL,
			    *w5 = NULL;
	struct lesson *l;
	char *error = NULL;

	if (lesson_load(path, &l, &error) < 0) {
		ok(0, "a lesson without Korean loads: %s", error);
		free(error);
		return;
	}
	ok(1, "a lesson without Korean loads");
	if (asprintf(&w1, "%s:2: the lesson has no Korean title", path) < 0 ||
	    asprintf(&w2, "%s:3: the lesson has no Korean about text", path) < 0 ||
	    asprintf(&w3, "%s:5: step a has no Korean title", path) < 0 ||
	    asprintf(&w4, "%s:6: step a has no Korean text", path) < 0 ||
	    asprintf(&w5, "%s:8: step a has a hint with no Korean text", path) < 0)
		return;
	ok(l->n_warnings == 5, "five warnings (%zu)", l->n_warnings);
	if (l->n_warnings == 5) {
		is_str(l->warnings[0], w1, "warning 1");
		is_str(l->warnings[1], w2, "warning 2");
		is_str(l->warnings[2], w3, "warning 3");
		is_str(l->warnings[3], w4, "warning 4");
		is_str(l->warnings[4], w5, "warning 5");
	}
	is_str(ltext_get(&l->steps[0].title), "A", "ltext_get without ko gives en");
	lesson_free(l);
}

static void fails(const char *name, const char *text, const char *want)
{
	_cleanup_free_ char *path = write_file(tmp, name, text);
	_cleanup_free_ char *full = NULL;
	struct lesson *l = (struct lesson *)1;
	char *error = NULL;
	int err = lesson_load(path, &l, &error);

	if (asprintf(&full, "%s:%s", path, want) < 0)
		return;
	ok(err == -EINVAL && l == NULL, "%s is refused, with no lesson", name);
	is_str(error, full, "%s: the error", name);
	free(error);
}

static void test_errors(void)
{
	struct lesson *l;
	char *error = NULL;

	fails("a.lesson", "lesson: a\ntitle: A\nstep: s\ntitle: S\ncheck: netns RED\nfoo: bar\n",
	      "6: unknown key 'foo': expected step, title, title.ko, text, text.ko, "
	      "try, check, moment, when, hint, hint.ko");
	fails("b.lesson", "lesson: b\ntitle: B\nstep: s\ntitle: S\ntry: x\n",
	      "3: step 's' has no 'check:': expected at least one");
	fails("c.lesson", "lesson: c\ntitle: C\nstep: s\ntitle: S\ncheck: netns RED\nwhen: netns RED\n",
	      "6: 'when:' must be followed by its 'hint:'");
	ok(lesson_load("/nonexistent/x.lesson", &l, &error) == -ENOENT && !l,
	   "a missing file: -ENOENT");
	is_str(error, "/nonexistent/x.lesson: No such file or directory", "and says so");
	free(error);
}

static void find_title(const char *name, const char *want, const char *what)
{
	struct lesson *l;
	char *error = NULL;

	if (lesson_find(name, &l, &error) < 0) {
		ok(0, "%s: %s", what, error);
		free(error);
		return;
	}
	is_str(l->title.en, want, "%s", what);
	lesson_free(l);
}

static char *lesson_text(const char *name, const char *title)
{
	char *s;

	if (asprintf(&s, "lesson: %s\ntitle: %s\ntitle.ko: %s\nstep: s\ntitle: S\n"
		     "title.ko: S\ncheck: netns RED\n", name, title, title) < 0)
		return NULL;
	return s;
}

static void put(const char *dir, const char *name, const char *title)
{
	_cleanup_free_ char *text = lesson_text(name, title), *file = NULL,
			    *path = NULL;

	if (asprintf(&file, "%s.lesson", name) < 0)
		return;
	path = write_file(dir, file, text);
	ok(path != NULL, "wrote %s/%s", dir, file);
}

static void test_find(void)
{
	_cleanup_free_ char *home = make_dir("home"), *xdg = make_dir("xdg"),
			    *user = make_dir("xdg/nstutor/lessons"),
			    *homeuser = make_dir("home/.local/share/nstutor/lessons"),
			    *env = make_dir("env"), *first = make_dir("first"),
			    *path = NULL, *want = NULL;
	struct lesson *l;
	char *error = NULL, **names;
	size_t n;
	int err;

	setenv("HOME", home, 1);
	setenv("XDG_DATA_HOME", xdg, 1);
	setenv("NSTUTOR_LESSONS", env, 1);
	put(env, "same", "from NSTUTOR_LESSONS");
	put(env, "envonly", "env only");
	put(homeuser, "same", "from HOME");
	find_title("same", "from NSTUTOR_LESSONS", "only $NSTUTOR_LESSONS has it");
	put(user, "same", "from XDG_DATA_HOME");
	put(user, "useronly", "user only");
	find_title("same", "from XDG_DATA_HOME", "$XDG_DATA_HOME/nstutor/lessons comes before $NSTUTOR_LESSONS");
	unsetenv("XDG_DATA_HOME");
	find_title("same", "from HOME", "without XDG_DATA_HOME: ~/.local/share/nstutor/lessons");
	setenv("XDG_DATA_HOME", xdg, 1);
	lesson_dir_add(first);
	put(first, "same", "from --lessons");
	find_title("same", "from --lessons", "a --lessons directory comes first");
	find_title("envonly", "env only", "a lesson only in $NSTUTOR_LESSONS is still found");

	err = lesson_find("nothere", &l, &error);
	ok(err == -ENOENT && !l, "no such lesson: -ENOENT");
	if (asprintf(&want, "no lesson 'nothere' (looked in %s, %s/nstutor/lessons, %s, %s)",
		     first, xdg, env, PKGDATADIR "/lessons") > 0)
		is_str(error, want, "the error says where it looked, in order");
	free(error);
	error = NULL;
	const char *refused[] = {"../env/same", "a/b", ".same", "", "."};
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		err = lesson_find(refused[i], &l, &error);
		ok(err == -EINVAL && !l && error && strstr(error, "has no '/'"),
		   "'%s' is refused as a name", refused[i]);
		free(error);
		error = NULL;
	}

	/* names: sorted, each once, only NAME.lesson files */
	free(write_file(first, "notes.txt", "x"));
	free(write_file(first, ".hidden.lesson", "x"));
	free(write_file(first, "useronly.lesson.bak", "x"));
	free(make_dir("first/dir.lesson"));
	err = lesson_names(&names, &n);
	ok(err == 0, "lesson_names");
	if (!err) {
		char list[256] = "";
		size_t used = 0;

		for (size_t i = 0; i < n; i++)
			if (strstr(names[i], "only") || streq(names[i], "same"))
				used += snprintf(list + used, sizeof(list) - used,
						 "%s%s", used ? " " : "", names[i]);
		is_str(list, "envonly same useronly", "sorted, each once, only *.lesson files");
		if (access(PKGDATADIR "/lessons", F_OK) < 0)
			ok(n == 3, "nothing else (%zu names)", n);
		lesson_names_free(names, n);
	}

	/* the solution beside the lesson */
	err = lesson_find("same", &l, &error);
	if (!err) {
		char *sol = lesson_solution_path(l);

		ok(sol == NULL, "no NAME.solution: NULL");
		free(sol);
		free(write_file(first, "same.solution", "ip netns add RED\n"));
		sol = lesson_solution_path(l);
		if (asprintf(&path, "%s/same.solution", first) > 0)
			is_str(sol, path, "the solution beside the lesson");
		free(sol);
		lesson_free(l);
	} else {
		free(error);
	}
}

static void test_language(void)
{
	struct ltext t = {.en = "English", .ko = "한국어"};

	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setlocale(LC_ALL, "C");
	setenv("LANGUAGE", "ko", 1);
	ok(!lesson_korean(), "the C locale speaks English, whatever LANGUAGE says (as gettext)");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		ok(1, "# SKIP no C.UTF-8 locale");
		return;
	}
	ok(lesson_korean(), "C.UTF-8 with LANGUAGE=ko (what --lang ko does): Korean");
	is_str(ltext_get(&t), "한국어", "ltext_get gives the Korean");
	setenv("LANGUAGE", "ko_KR", 1);
	ok(lesson_korean(), "LANGUAGE=ko_KR: Korean");
	setenv("LANGUAGE", "fr:ko", 1);
	ok(lesson_korean(), "LANGUAGE=fr:ko: Korean (nstutor has no French)");
	setenv("LANGUAGE", "en:ko", 1);
	ok(!lesson_korean(), "LANGUAGE=en:ko: English");
	setenv("LANGUAGE", "kok", 1);
	ok(!lesson_korean(), "LANGUAGE=kok (Konkani) is not Korean");
	setenv("LANGUAGE", "en", 1);
	is_str(ltext_get(&t), "English", "ltext_get gives the English");
	unsetenv("LANGUAGE");
	ok(!lesson_korean(), "C.UTF-8 alone: English");
}

int main(void)
{
	if (!mkdtemp(tmp)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_good();
	test_korean_missing();
	test_errors();
	test_find();
	test_language();
	{
		char *cmd;

		if (asprintf(&cmd, "rm -rf '%s'", tmp) > 0) {
			if (system(cmd) != 0)
				printf("# could not remove %s\n", tmp);
			free(cmd);
		}
	}
	return tap_done();
}
