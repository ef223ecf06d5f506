/* config.c: reading /etc/nstutor.conf (see config.h). */
#include "system.h"

#include <ctype.h>

#include "config.h"
#include "out.h"
#include "particle.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* The file to read (NULL: none); *named when $NSTUTOR_CONF chose it. */
static const char *config_path(bool *named)
{
	const char *env = getenv("NSTUTOR_CONF");

	*named = env != NULL;
	if (env)
		return *env ? env : NULL;
	return SYSCONFDIR "/nstutor.conf";
}

/* s without the blanks at both ends, in place. */
static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int add_problem(struct config *c, unsigned int line, int kind,
		       const char *text)
{
	struct config_problem *v;
	char *copy = strdup(text);

	v = copy ? realloc(c->problems, (c->n_problems + 1) * sizeof(*v)) : NULL;
	if (!v) {
		free(copy);
		return -ENOMEM;
	}
	c->problems = v;
	v[c->n_problems++] = (struct config_problem){line, copy, kind};
	return 0;
}

static int set_string(char **slot, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return -ENOMEM;
	free(*slot);
	*slot = copy;
	return 0;
}

/* One "key = value" line (comment and blanks already gone). */
static int config_line(struct config *c, unsigned int n, char *line)
{
	char *eq = strchr(line, '='), *key, *value;

	if (!eq)
		return add_problem(c, n, CONFIG_BAD_SYNTAX, line);
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	if (!*key || !*value)
		return add_problem(c, n, CONFIG_BAD_SYNTAX, *key ? key : value);
	if (streq(key, "world")) {
		if (world_kind_parse(value, &c->world) < 0)
			return add_problem(c, n, CONFIG_BAD_WORLD, value);
		c->has_world = true;
		return 0;
	}
	if (streq(key, "lessons"))
		return set_string(&c->lessons, value);
	if (streq(key, "language"))
		return set_string(&c->language, value);
	return add_problem(c, n, CONFIG_BAD_KEY, key);
}

static int config_read(struct config *c, FILE *f)
{
	char *line = NULL, *hash;
	size_t size = 0;
	unsigned int n = 0;
	int err = 0;

	while (!err && getline(&line, &size, f) >= 0) {
		n++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (*trim(line))
			err = config_line(c, n, trim(line));
	}
	if (!err && ferror(f))
		err = -EIO;
	free(line);
	return err;
}

int config_load(struct config *c)
{
	bool named;
	const char *path = config_path(&named);
	FILE *f;
	int err;

	*c = (struct config){0};
	if (!path)
		return 0;
	c->path = strdup(path);
	if (!c->path)
		return -ENOMEM;
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT && !named ? 0 : -errno;
	err = config_read(c, f);
	fclose(f);
	return err;
}

/* What is wrong with one line, in words. */
static void problem_text(const struct config_problem *p, char *buf, size_t size)
{
	switch (p->kind) {
	case CONFIG_BAD_KEY:
		snprintf(buf, size, _("unknown setting '%s' (known: world, lessons, language)"),
			 p->text);
		break;
	case CONFIG_BAD_WORLD:
		snprintf(buf, size, _("unknown world '%s' (use host or sandbox)"), p->text);
		break;
	default:
		particle_snprintf(buf, size, _("'%s' is not \"key = value\""),
				  p->text);
		break;
	}
}

void config_report(const struct config *c)
{
	char what[512];

	for (size_t i = 0; i < c->n_problems; i++) {
		problem_text(&c->problems[i], what, sizeof(what));
		fprintf(stderr, _("nstutor: warning: %s:%u: %s; the line is ignored\n"),
			c->path, c->problems[i].line, what);
	}
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->n_problems; i++)
		free(c->problems[i].text);
	free(c->problems);
	free(c->path);
	free(c->lessons);
	free(c->language);
	*c = (struct config){0};
}
