/* topo-canvas.h: a grid of display cells to draw boxes and wires on.
 *
 * Lines are kept as the directions they leave a cell in (up, down,
 * right, left), so where lines meet or cross the right junction comes
 * out (├ ┤ ┬ ┴ ┼) without anyone choosing it.  Text goes on top, one
 * cell per column, two for an East Asian wide character.  canvas_print
 * writes UTF-8 box characters or ASCII, with or without colour, and no
 * trailing spaces.
 */
#ifndef NSTUTOR_TOPO_CANVAS_H
#define NSTUTOR_TOPO_CANVAS_H

#include "system.h"

#include <stdio.h>

enum {
	CV_UP = 1,
	CV_DOWN = 2,
	CV_RIGHT = 4,
	CV_LEFT = 8,
	CV_DASHED = 16,
};

/* How text or a line is shown: an ANSI colour (31..36; 0 none),
 * reverse video, dim. */
struct cv_style {
	unsigned char color;
	bool reverse, dim;
};

struct cv_cell {
	unsigned char lines;	/* CV_* bits */
	char text[8];		/* a UTF-8 character; "" none */
	bool wide_tail;		/* the right half of a wide character */
	struct cv_style style;
};

struct canvas {
	int rows, cols;
	struct cv_cell *cells;
};

int canvas_init(struct canvas *cv, int rows, int cols);
void canvas_free(struct canvas *cv);

/* A horizontal line on row r from column c1 to c2, a vertical one on
 * column c from row r1 to r2 (either order). */
void canvas_hline(struct canvas *cv, int r, int c1, int c2, bool dashed,
		  struct cv_style s);
void canvas_vline(struct canvas *cv, int c, int r1, int r2, bool dashed,
		  struct cv_style s);
/* A box with corners (r1, c1) and (r2, c2). */
void canvas_box(struct canvas *cv, int r1, int c1, int r2, int c2,
		struct cv_style s);
/* Text from (r, c); the columns it took.  What does not fit is cut. */
int canvas_text(struct canvas *cv, int r, int c, const char *text,
		struct cv_style s);

void canvas_print(const struct canvas *cv, bool utf8, bool color,
		  FILE *out);

/* Display columns of a UTF-8 string (Korean is two wide). */
int canvas_width(const char *text);

#endif
