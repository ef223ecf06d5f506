/* topo-canvas.c: a grid of display cells for boxes and wires (see
 * topo-canvas.h). */
#include "system.h"

#include <sys/param.h>

#include "topo-canvas.h"
#include "utf8.h"

int canvas_init(struct canvas *cv, int rows, int cols)
{
	cv->rows = rows;
	cv->cols = cols;
	cv->cells = calloc((size_t)rows * (size_t)cols, sizeof(*cv->cells));
	return cv->cells ? 0 : -ENOMEM;
}

void canvas_free(struct canvas *cv)
{
	free(cv->cells);
	cv->cells = NULL;
}

static struct cv_cell *cell(struct canvas *cv, int r, int c)
{
	if (r < 0 || c < 0 || r >= cv->rows || c >= cv->cols)
		return NULL;
	return &cv->cells[(size_t)r * (size_t)cv->cols + (size_t)c];
}

static void mark(struct canvas *cv, int r, int c, unsigned char lines,
		 struct cv_style s)
{
	struct cv_cell *x = cell(cv, r, c);

	if (!x)
		return;
	x->lines |= lines;
	if (!x->text[0])
		x->style = s;
}

/* A line along a row (across) or a column, at fixed, from a to b. */
static void line(struct canvas *cv, bool across, int fixed, int a, int b,
		 bool dashed, struct cv_style s)
{
	unsigned char d = dashed ? CV_DASHED : 0;
	unsigned char back = across ? CV_LEFT : CV_UP;
	unsigned char on = across ? CV_RIGHT : CV_DOWN;
	int lo = MIN(a, b), hi = MAX(a, b);

	for (int k = lo; k <= hi; k++)
		mark(cv, across ? fixed : k, across ? k : fixed,
		     d | (k > lo ? back : 0) | (k < hi ? on : 0), s);
}

void canvas_hline(struct canvas *cv, int r, int c1, int c2, bool dashed,
		  struct cv_style s)
{
	line(cv, true, r, c1, c2, dashed, s);
}

void canvas_vline(struct canvas *cv, int c, int r1, int r2, bool dashed,
		  struct cv_style s)
{
	line(cv, false, c, r1, r2, dashed, s);
}

void canvas_box(struct canvas *cv, int r1, int c1, int r2, int c2,
		struct cv_style s)
{
	canvas_hline(cv, r1, c1, c2, false, s);
	canvas_hline(cv, r2, c1, c2, false, s);
	canvas_vline(cv, c1, r1, r2, false, s);
	canvas_vline(cv, c2, r1, r2, false, s);
}

int canvas_text(struct canvas *cv, int r, int c, const char *text,
		struct cv_style s)
{
	size_t left = strlen(text);
	int start = c;

	while (left) {
		int w;
		size_t n = utf8_char(text, left, &w);
		struct cv_cell *x = cell(cv, r, c);

		if (!x || !cell(cv, r, c + w - 1) || n >= sizeof(x->text))
			break;
		memcpy(x->text, text, n);
		x->text[n] = '\0';
		x->style = s;
		x->lines = 0;
		for (int k = 1; k < w; k++) {
			struct cv_cell *tail = cell(cv, r, c + k);

			*tail = (struct cv_cell){.wide_tail = true, .style = s};
		}
		c += w > 0 ? w : 0;
		text += n;
		left -= n;
	}
	return c - start;
}

int canvas_width(const char *text)
{
	return utf8_width(text);
}

/* ---- printing ---- */

/* The box character for the directions a line leaves a cell in. */
static const char *line_utf8(unsigned char l)
{
	static const char *const solid[16] = {
		" ", "│", "│", "│", "─", "└", "┌", "├",
		"─", "┘", "┐", "┤", "─", "┴", "┬", "┼",
	};
	unsigned char dirs = l & 15;

	if (l & CV_DASHED) {
		if (dirs == (CV_LEFT | CV_RIGHT) || dirs == CV_LEFT ||
		    dirs == CV_RIGHT)
			return "┄";
		if (dirs == (CV_UP | CV_DOWN) || dirs == CV_UP ||
		    dirs == CV_DOWN)
			return "╎";
	}
	return solid[dirs];
}

static const char *line_ascii(unsigned char l, int c)
{
	unsigned char dirs = l & 15;
	bool across = !(dirs & (CV_UP | CV_DOWN));
	bool along = !(dirs & (CV_LEFT | CV_RIGHT));

	if (!dirs)
		return " ";
	if (across)
		return l & CV_DASHED && c % 2 ? " " : "-";
	if (along)
		return l & CV_DASHED ? ":" : "|";
	return "+";
}

static bool style_same(struct cv_style a, struct cv_style b)
{
	return a.color == b.color && a.reverse == b.reverse && a.dim == b.dim;
}

static void style_put(struct cv_style s, FILE *out)
{
	fputs("\033[0", out);
	if (s.color)
		fprintf(out, ";%d", s.color);
	if (s.reverse)
		fputs(";7", out);
	if (s.dim)
		fputs(";2", out);
	putc('m', out);
}

/* The last column of row r with something in it, or -1. */
static int row_end(const struct canvas *cv, int r)
{
	for (int c = cv->cols - 1; c >= 0; c--) {
		const struct cv_cell *x = &cv->cells[(size_t)r * cv->cols + c];

		if (x->lines || x->wide_tail || (x->text[0] && x->text[0] != ' '))
			return c;
	}
	return -1;
}

static void print_row(const struct canvas *cv, int r, bool utf8, bool color,
		      FILE *out)
{
	struct cv_style now = {0};
	int end = row_end(cv, r);

	for (int c = 0; c <= end; c++) {
		const struct cv_cell *x = &cv->cells[(size_t)r * cv->cols + c];

		if (x->wide_tail)
			continue;
		if (color && !style_same(x->style, now)) {
			style_put(x->style, out);
			now = x->style;
		}
		if (x->text[0])
			fputs(x->text, out);
		else
			fputs(utf8 ? line_utf8(x->lines)
				   : line_ascii(x->lines, c), out);
	}
	if (color && !style_same(now, (struct cv_style){0}))
		fputs("\033[0m", out);
	putc('\n', out);
}

void canvas_print(const struct canvas *cv, bool utf8, bool color, FILE *out)
{
	for (int r = 0; r < cv->rows; r++)
		print_row(cv, r, utf8, color, out);
}
