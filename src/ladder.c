/* ladder.c: a timeline drawn as a sequence diagram, one column per
 * place that matters (the sender's interface, each bridge, the
 * receiver's interface; never a bridge's ports), one arrow per packet
 * labelled ARP?, ARP!, echo, reply..., a mark where a packet stopped.
 * UTF-8 box drawing, or ASCII when the locale is not UTF-8; it always
 * fits 80 columns, widths counted in display columns.  A column's head
 * is "NS IFNAME"; when those do not fit side by side, the namespaces
 * go on one line and the interfaces under them. */
#include "system.h"

#include "netns.h"
#include "timeline.h"
#include "utf8.h"

#define LADDER_WIDTH 80
#define LADDER_COLS 6
#define LADDER_GAP_MIN 10

struct glyphs {
	const char *life, *line, *right, *left, *stop, *dot;
};

static const struct glyphs utf8_glyphs = {
	"\u2502", "\u2500", "\u25b6", "\u25c0", "\u2717", "\u25cf"};
static const struct glyphs ascii_glyphs = {"|", "-", ">", "<", "X", "*"};

struct ladder {
	const struct timeline *tl;
	const struct glyphs *g;
	size_t n_cols;
	int cols[LADDER_COLS];	/* places */
	size_t n_lines;		/* of the heads: 1, or 2 (NS over IFNAME) */
	char labels[2][LADDER_COLS][NAME_MAX + IFNAMSIZ + 2];
	int x[LADDER_COLS];	/* where each lifeline is drawn */
	const char *row[LADDER_WIDTH];
	int width;
	bool all;	/* draw the housekeeping too */
};

static const struct cap_place *lplace(const struct ladder *l, unsigned int i)
{
	return &l->tl->r->places[i];
}

/* A bridge's port is left out: its bridge stands for it. */
static bool matters(const struct ladder *l, unsigned int pl)
{
	const struct cap_place *p = lplace(l, pl);

	return !p->master || streq(p->kind, "bridge");
}

static int col_of(const struct ladder *l, int pl)
{
	for (size_t i = 0; i < l->n_cols; i++)
		if (l->cols[i] == pl)
			return (int)i;
	return -1;
}

static void add_col(struct ladder *l, int pl)
{
	if (col_of(l, pl) >= 0 || l->n_cols == LADDER_COLS)
		return;
	l->cols[l->n_cols++] = pl;
}

static void find_cols(struct ladder *l)
{
	for (size_t i = 0; i < l->tl->n; i++) {
		const struct tl_packet *p = &l->tl->packets[i];
		bool any = false;

		if (p->noise && !l->all)
			continue;
		for (size_t j = 0; j < p->n_seen; j++)
			if (matters(l, p->seen[j].place)) {
				add_col(l, (int)p->seen[j].place);
				any = true;
			}
		if (!any)
			add_col(l, (int)p->seen[0].place);
	}
}

/* Cuts s to at most cols display columns. */
static void cut(char *s, int cols)
{
	size_t n = strlen(s);

	while (n > 0 && utf8_width(s) > cols) {
		do
			n--;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80);
		s[n] = '\0';
	}
}

/* Fills the heads, on one line or two; the widest of them. */
static int set_labels(struct ladder *l, size_t n_lines)
{
	int widest = 1;

	l->n_lines = n_lines;
	for (size_t i = 0; i < l->n_cols; i++) {
		const struct cap_place *p = lplace(l, (unsigned int)l->cols[i]);

		if (n_lines == 1)
			snprintf(l->labels[0][i], sizeof(l->labels[0][i]),
				 "%s %s", netns_label(p->ns), p->ifname);
		else {
			snprintf(l->labels[0][i], sizeof(l->labels[0][i]),
				 "%s", netns_label(p->ns));
			snprintf(l->labels[1][i], sizeof(l->labels[1][i]),
				 "%s", p->ifname);
		}
		for (size_t k = 0; k < n_lines; k++)
			if (utf8_width(l->labels[k][i]) > widest)
				widest = utf8_width(l->labels[k][i]);
	}
	return widest;
}

/* The distance between two lifelines for heads this wide. */
static int gap_for(int widest)
{
	return widest + 3 < LADDER_GAP_MIN + 4 ? LADDER_GAP_MIN + 4
					       : widest + 3;
}

static bool fits(const struct ladder *l, int widest)
{
	return gap_for(widest) * (int)(l->n_cols - 1) + widest + 2 <=
	       LADDER_WIDTH;
}

static void layout(struct ladder *l)
{
	int widest = set_labels(l, 1), gap;

	if (!fits(l, widest))
		widest = set_labels(l, 2);
	gap = gap_for(widest);
	if (!fits(l, widest)) {
		gap = (LADDER_WIDTH - 2) / (int)l->n_cols;
		if (gap < LADDER_GAP_MIN)
			gap = LADDER_GAP_MIN;
		widest = gap - 1;
	}
	for (size_t i = 0; i < l->n_cols; i++) {
		for (size_t k = 0; k < l->n_lines; k++)
			cut(l->labels[k][i], widest);
		l->x[i] = (widest + 1) / 2 + 1 + (int)i * gap;
	}
	l->width = l->x[l->n_cols - 1] + (widest + 1) / 2 + 2;
	if (l->width > LADDER_WIDTH)
		l->width = LADDER_WIDTH;
}

static void put_row(const struct ladder *l, FILE *out)
{
	int end = l->width;

	while (end > 0 && streq(l->row[end - 1], " "))
		end--;
	for (int i = 0; i < end; i++)
		fputs(l->row[i], out);
	fputc('\n', out);
}

static void clear_row(struct ladder *l)
{
	for (int i = 0; i < LADDER_WIDTH; i++)
		l->row[i] = " ";
	for (size_t c = 0; c < l->n_cols; c++)
		l->row[l->x[c]] = l->g->life;
}

static void print_head_line(const struct ladder *l, size_t k, FILE *out)
{
	int at = 0;

	for (size_t c = 0; c < l->n_cols; c++) {
		int w = utf8_width(l->labels[k][c]);
		int start = l->x[c] - w / 2;

		if (start < at + (c ? 1 : 0))
			start = at + (c ? 1 : 0);
		for (; at < start; at++)
			fputc(' ', out);
		fputs(l->labels[k][c], out);
		at += w;
	}
	fputc('\n', out);
}

static void print_header(const struct ladder *l, FILE *out)
{
	for (size_t k = 0; k < l->n_lines; k++)
		print_head_line(l, k, out);
}

/* Writes the ASCII text into the row from x on (no further than lim). */
static void put_text(struct ladder *l, int x, int lim, const char *text)
{
	static char chars[LADDER_WIDTH][2];

	for (; *text && x < lim && x < LADDER_WIDTH; text++, x++) {
		chars[x][0] = *text;
		chars[x][1] = '\0';
		l->row[x] = chars[x];
	}
}

/* Column of the packet's last place that matters. */
static int end_col(const struct ladder *l, const struct tl_packet *p)
{
	for (size_t j = p->n_seen; j-- > 0;)
		if (matters(l, p->seen[j].place) &&
		    col_of(l, (int)p->seen[j].place) >= 0)
			return col_of(l, (int)p->seen[j].place);
	return col_of(l, (int)p->seen[0].place);
}

static int start_col(const struct ladder *l, const struct tl_packet *p)
{
	for (size_t j = 0; j < p->n_seen; j++)
		if (matters(l, p->seen[j].place) &&
		    col_of(l, (int)p->seen[j].place) >= 0)
			return col_of(l, (int)p->seen[j].place);
	return col_of(l, (int)p->seen[0].place);
}

static void draw_arrow(struct ladder *l, int a, int b, const char *label)
{
	int xa = l->x[a], xb = l->x[b], step = a < b ? 1 : -1;
	char text[32];
	int len;

	for (int c = a; c != b; c += step) {
		int from = l->x[c], to = l->x[c + step];
		int lo = from < to ? from : to, hi = from < to ? to : from;

		for (int x = lo + 1; x < hi; x++)
			l->row[x] = l->g->line;
		l->row[step > 0 ? hi - 1 : lo + 1] =
			step > 0 ? l->g->right : l->g->left;
	}
	snprintf(text, sizeof(text), " %s ", label);
	len = (int)strlen(text);
	if (step > 0)
		put_text(l, xa + 2, l->x[a + 1] - 1, text);
	else
		put_text(l, xa - 1 - len > l->x[a - 1] + 1 ?
			 xa - 1 - len : l->x[a - 1] + 2, xa - 1, text);
	(void)xb;
}

/* A packet seen at one column only: a stub with its label. */
static void draw_stub(struct ladder *l, int a, const char *label)
{
	char text[32];
	int x = l->x[a];

	snprintf(text, sizeof(text), " %s", label);
	if ((size_t)a + 1 < l->n_cols || l->n_cols == 1) {
		l->row[x + 1] = l->g->line;
		put_text(l, x + 2, LADDER_WIDTH, text);
	} else {
		int start = x - 2 - (int)strlen(text);

		if (start < 0)
			start = 0;
		put_text(l, start, x - 1, text);
		l->row[x - 1] = l->g->line;
	}
}

static void draw_packet(struct ladder *l, const struct tl_packet *p,
			FILE *out)
{
	int a = start_col(l, p), b = end_col(l, p);
	const char *label = pkt_label(&p->pkt);

	clear_row(l);
	if (a < 0 || b < 0)
		return;
	if (a == b)
		draw_stub(l, a, label);
	else
		draw_arrow(l, a, b, label);
	if (p->stop_at >= 0) {
		int x = l->x[b] + (a > b ? -2 : 2);

		if (a == b)
			x = l->x[b] + (b + 1 < (int)l->n_cols ? 2 : -2);
		if (x >= 0 && x < LADDER_WIDTH)
			l->row[x] = l->g->stop;
	}
	put_row(l, out);
}

void timeline_ladder(const struct timeline *tl,
		     const struct tl_print_opts *o, FILE *out)
{
	struct ladder l = {.tl = tl,
			   .g = o->utf8 ? &utf8_glyphs : &ascii_glyphs,
			   .all = o->all};
	bool stopped = false;

	find_cols(&l);
	if (!l.n_cols)
		return;
	layout(&l);
	print_header(&l, out);
	clear_row(&l);
	put_row(&l, out);
	for (size_t i = 0; i < tl->n; i++) {
		char line[512];

		if (tl->packets[i].noise && !o->all)
			continue;
		if (tl_cut_line(tl, i, o, line, sizeof(line)))
			fprintf(out, "%s\n", line);
		if (tl_cut(tl, i))
			continue;
		draw_packet(&l, &tl->packets[i], out);
		stopped |= tl->packets[i].stop_at >= 0;
	}
	clear_row(&l);
	put_row(&l, out);
	if (stopped) {
		fprintf(out, "%s %s\n", l.g->stop, _("where a packet stopped"));
	}
}
