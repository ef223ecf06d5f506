/* utf8.c: UTF-8 sequences checked (see utf8.h). */
#include "system.h"

#include <stdint.h>

#include "utf8.h"

/* The length of the valid UTF-8 sequence at s, or 0 when s starts with
 * an invalid one (overlong, surrogate, beyond U+10FFFF, cut short). */
size_t utf8_sequence(const unsigned char *s)
{
	uint32_t cp, min;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* The code point of the valid sequence of n bytes at s. */
static uint32_t code_point(const unsigned char *s, size_t n)
{
	static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	uint32_t cp = s[0] & lead_mask[n];

	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

struct cp_range {
	uint32_t first, last;
};

static bool in_ranges(uint32_t cp, const struct cp_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].first && cp <= r[i].last)
			return true;
	return false;
}

/* Columns of one code point, as East Asian terminals show it: Hangul,
 * CJK and full-width forms two, combining marks none, the rest one. */
static int cp_width(uint32_t cp)
{
	static const struct cp_range zero[] = {
		{0x0300, 0x036f}, {0x1160, 0x11ff}, {0x200b, 0x200f},
		{0x20d0, 0x20ff}, {0xfe00, 0xfe0f},
	};
	static const struct cp_range wide[] = {
		{0x1100, 0x115f}, {0x2e80, 0x303e}, {0x3041, 0x33ff},
		{0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
		{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff},
		{0xfe30, 0xfe4f}, {0xff00, 0xff60}, {0xffe0, 0xffe6},
		{0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff}, {0x20000, 0x3fffd},
	};

	if (in_ranges(cp, zero, ARRAY_SIZE(zero)))
		return 0;
	return in_ranges(cp, wide, ARRAY_SIZE(wide)) ? 2 : 1;
}

size_t utf8_char(const char *s, size_t left, int *width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_sequence(u);

	if (n == 0 || n > left) {
		*width = 1; /* an invalid byte: one column */
		return 1;
	}
	*width = cp_width(code_point(u, n));
	return n;
}

int utf8_width(const char *s)
{
	size_t left = strlen(s);
	int width = 0;

	while (left) {
		int w;
		size_t n = utf8_char(s, left, &w);

		width += w;
		s += n;
		left -= n;
	}
	return width;
}
