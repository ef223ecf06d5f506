/* journal.c: the journal file: escaping, appending, reading. */
#include "system.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "journal.h"
#include "out.h"
#include "world.h"

static struct {
	int fd;		/* open while a change is being recorded */
	off_t start;	/* the journal's size when the change began */
	int depth;	/* journal_begin() calls not yet ended */
	bool locked;	/* this change holds the world lock */
	int suspended;
	char path[PATH_MAX];
} jr = {.fd = -1};

const char *journal_path(void)
{
	snprintf(jr.path, sizeof(jr.path), "%s/%s", world_state_path(),
		 world_journal_name());
	return jr.path;
}

enum journal_step { J_LOCK, J_OPEN, J_WRITE, J_TAKE_BACK, J_READ, J_EMPTY };

static int journal_fail(enum journal_step step, int err)
{
	const char *path = journal_path(), *why = out_strerror(-err);

	switch (step) {
	case J_LOCK:
		out_error(_("nstutor: cannot lock the journal %s: %s"), path,
			  why);
		break;
	case J_OPEN:
		out_error(_("nstutor: cannot open the journal %s: %s"), path,
			  why);
		break;
	case J_WRITE:
		out_error(_("nstutor: cannot write the journal %s: %s"), path,
			  why);
		break;
	case J_TAKE_BACK:
		out_error(_("nstutor: cannot take back a line of the journal "
			    "%s: %s"), path, why);
		break;
	case J_READ:
		out_error(_("nstutor: cannot read the journal %s: %s"), path,
			  why);
		return err;
	case J_EMPTY:
		out_error(_("nstutor: cannot empty the journal %s: %s"), path,
			  why);
		return err;
	}
	out_hint(_("nstutor records there what it makes, so that reset can "
		   "remove it; check that the state directory is yours and "
		   "not full."));
	return err;
}

void journal_suspend(void)
{
	jr.suspended++;
}

void journal_resume(void)
{
	if (jr.suspended > 0)
		jr.suspended--;
}

static int journal_open(void)
{
	struct stat st;

	jr.fd = openat(world_state_fd(), world_journal_name(),
		       O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		       0600);
	if (jr.fd < 0)
		return -errno;
	if (fstat(jr.fd, &st) < 0) {
		int err = -errno;

		close(jr.fd);
		jr.fd = -1;
		return err;
	}
	jr.start = st.st_size;
	return st.st_size == 0 ? 1 : 0;
}

int journal_begin(void)
{
	int err;

	if (jr.depth++ > 0 || jr.suspended || world_state_fd() < 0)
		return 0;
	err = world_lock();
	if (err < 0) {
		jr.depth--;
		return journal_fail(J_LOCK, err);
	}
	jr.locked = true;
	err = journal_open();
	if (err < 0) {
		world_unlock();
		jr.locked = false;
		jr.depth--;
		return journal_fail(J_OPEN, err);
	}
	return err;
}

bool journal_recording(void)
{
	return jr.fd >= 0;
}

int journal_end(int err)
{
	if (jr.depth == 0 || --jr.depth > 0)
		return err;
	if (jr.fd >= 0) {
		if (err < 0 && ftruncate(jr.fd, jr.start) < 0)
			journal_fail(J_TAKE_BACK, -errno);
		close(jr.fd);
		jr.fd = -1;
	}
	if (jr.locked)
		world_unlock();
	jr.locked = false;
	return err;
}

static bool plain_byte(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '%';
}

/* Appends field s, escaped, at p; returns the end. */
static char *escape(char *p, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!s)
		return p + sprintf(p, "-");
	if (!*s || streq(s, "-"))
		return p + sprintf(p, "%s", *s ? "%2D" : "%");
	for (; *s; s++) {
		unsigned char c = *s;

		if (plain_byte(c)) {
			*p++ = c;
			continue;
		}
		*p++ = '%';
		*p++ = hex[c >> 4];
		*p++ = hex[c & 15];
	}
	*p = '\0';
	return p;
}

static int write_line(const char *line, size_t len)
{
	ssize_t n = write(jr.fd, line, len);

	if (n == (ssize_t)len)
		return 0;
	if (n >= 0) /* a short write: take the piece back */
		errno = ENOSPC;
	return -errno;
}

int journal_addv(const char *const *fields, int n)
{
	_cleanup_free_ char *line = NULL;
	size_t size = 2;
	char *p;
	int err;

	if (jr.fd < 0)
		return 0;
	for (int i = 0; i < n; i++)
		size += (fields[i] ? 3 * strlen(fields[i]) : 0) + 4;
	line = malloc(size);
	if (!line)
		return journal_fail(J_WRITE, -ENOMEM);
	p = line;
	for (int i = 0; i < n; i++) {
		if (i > 0)
			*p++ = ' ';
		p = escape(p, fields[i]);
	}
	*p++ = '\n';
	err = write_line(line, p - line);
	if (err < 0) {
		if (ftruncate(jr.fd, jr.start) < 0)
			err = -errno;
		return journal_fail(J_WRITE, err);
	}
	return 0;
}

/* ---- reading ---- */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes field s in place; NULL for "-".  *ok becomes false when s is
 * no valid field. */
static char *unescape(char *s, bool *ok)
{
	char *in = s, *out = s;

	if (streq(s, "-"))
		return NULL;
	if (streq(s, "%"))
		return strcpy(s, "");
	while (*in) {
		int hi, lo;

		if (*in != '%') {
			*out++ = *in++;
			continue;
		}
		hi = hex_value(in[1]);
		lo = hi < 0 ? -1 : hex_value(in[2]);
		if (lo < 0 || (hi == 0 && lo == 0)) {
			*ok = false;
			return NULL;
		}
		*out++ = hi << 4 | lo;
		in += 3;
	}
	*out = '\0';
	return s;
}

/* Splits line (without its newline) into e; false when it is no line
 * of the journal.  The fields point into line. */
/* Splits line (without its newline) into e; false when it is no line
 * of the journal.  The fields point into line. */
static bool parse_line(char *line, struct journal_entry *e)
{
	bool ok = true;
	char *save = NULL, *w;

	e->n = 0;
	for (const char *c = line; *c; c++)
		if (!plain_byte(*c) && *c != '%' && *c != ' ')
			return false;
	if (!*line || line[0] == ' ' || strstr(line, "  ") ||
	    line[strlen(line) - 1] == ' ')
		return false;
	for (w = strtok_r(line, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		if (e->n == JOURNAL_FIELDS_MAX)
			return false;
		e->f[e->n++] = unescape(w, &ok);
		if (!ok)
			return false;
	}
	return e->n > 0 && e->f[0] == line && *e->f[0];
}

static void report_bad(unsigned int line, bool cut)
{
	if (cut)
		out_error(_("nstutor: %s:%u: the last line is cut short; "
			    "skipped"), journal_path(), line);
	else
		out_error(_("nstutor: %s:%u: not a journal line; skipped"),
			  journal_path(), line);
}

static int push_entry(struct journal *j, char *line, unsigned int no)
{
	struct journal_entry *v, e = {.line = no};
	char *copy = strdup(line);

	if (!copy)
		return -ENOMEM;
	if (!parse_line(copy, &e)) {
		free(copy);
		report_bad(no, false);
		return 1;
	}
	v = realloc(j->entries, (j->n + 1) * sizeof(*v));
	if (!v) {
		free(copy);
		return -ENOMEM;
	}
	/* f[0] (the kind) is never NULL: it owns the copy */
	j->entries = v;
	j->entries[j->n++] = e;
	return 0;
}

static int read_lines(FILE *f, struct journal *j)
{
	_cleanup_free_ char *line = NULL;
	size_t size = 0;
	unsigned int no = 0;
	ssize_t len;
	int err;
	size_t bad = 0;

	while ((len = getline(&line, &size, f)) > 0) {
		no++;
		if (line[len - 1] != '\n') {
			report_bad(no, true);
			bad++;
			break;
		}
		line[len - 1] = '\0';
		if ((size_t)(len - 1) != strlen(line)) {
			report_bad(no, false);
			bad++;
			continue;
		}
		err = push_entry(j, line, no);
		if (err < 0)
			return err;
		bad += err;
	}
	j->bad = bad;
	return ferror(f) ? -EIO : 0;
}

int journal_read(struct journal *out)
{
	_cleanup_fclose_ FILE *f = NULL;
	int fd, err;

	*out = (struct journal){0};
	fd = openat(world_state_fd(), world_journal_name(),
		    O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : journal_fail(J_READ, -errno);
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return journal_fail(J_READ, -ENOMEM);
	}
	err = read_lines(f, out);
	if (err < 0) {
		journal_free(out);
		return journal_fail(J_READ, err);
	}
	return 0;
}

void journal_free(struct journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->entries[i].f[0]);
	free(j->entries);
	*j = (struct journal){0};
}

int journal_clear(void)
{
	int fd = openat(world_state_fd(), world_journal_name(),
			O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 0 : journal_fail(J_EMPTY, -errno);
	close(fd);
	return 0;
}
