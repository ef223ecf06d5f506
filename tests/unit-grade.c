/* unit-grade.c: --check's JSON strings and formats.
 *
 * grade_json_string() is fed nasty strings (quotes, backslashes,
 * control characters, Korean, emoji, invalid UTF-8) and its output is
 * parsed back by a small strict JSON string parser written here: the
 * output must be one valid JSON string, in valid UTF-8, that decodes to
 * the input (with U+FFFD for each invalid byte).
 */
#include "system.h"

#include <stdint.h>

#include "grade.h"
#include "tap.h"

/* ---- a strict JSON string parser ---- */

static int hex4(const char *p, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Is s (n bytes) valid UTF-8? */
static bool valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp, min;
		size_t len;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2, cp = s[i] & 0x1f, min = 0x80;
		else if ((s[i] & 0xf0) == 0xe0)
			len = 3, cp = s[i] & 0x0f, min = 0x800;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4, cp = s[i] & 0x07, min = 0x10000;
		else
			return false;
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* Parses the JSON string that is all of text into out (NUL-terminated);
 * NULL when it is not one, else out. */
static char *json_parse_string(const char *text, char *out)
{
	const char *p = text;
	char *o = out;
	uint32_t cp, lo;

	if (!valid_utf8((const unsigned char *)text, strlen(text)) || *p++ != '"')
		return NULL;
	for (;;) {
		unsigned char c = (unsigned char)*p++;

		if (c == '\0' || c < 0x20)
			return NULL;	/* unterminated, or a raw control char */
		if (c == '"')
			break;
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		switch (*p++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (hex4(p, &cp) < 0)
				return NULL;
			p += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return NULL;	/* a lone low surrogate */
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) < 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return NULL;
				p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (cp == 0)
				return NULL;	/* not representable in C strings */
			o += put_utf8(o, cp);
			break;
		default:
			return NULL;
		}
	}
	if (*p != '\0')
		return NULL;	/* something after the string */
	*o = '\0';
	return out;
}

/* grade_json_string(s), as a string (free it). */
static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	grade_json_string(f, s);
	fclose(f);
	return buf;
}

/* s escapes to one JSON string that decodes to want. */
static void round_trip(const char *name, const char *s, const char *want)
{
	char *json = escaped(s);
	char *back = malloc(json ? strlen(json) * 4 + 1 : 1);
	const char *got = json && back ? json_parse_string(json, back) : NULL;

	ok(got != NULL, "%s: one valid JSON string", name);
	if (!got)
		printf("#   output: %s\n", json ? json : "(none)");
	is_str(got, want, "%s: decodes to %s", name,
	       s == want ? "itself" : "the input with U+FFFD for bad bytes");
	free(json);
	free(back);
}

/* s escapes to exactly want. */
static void exactly(const char *name, const char *s, const char *want)
{
	char *json = escaped(s);

	is_str(json, want, "%s: written as %s", name, want);
	free(json);
}

#define FFFD "\xef\xbf\xbd"

int main(void)
{
	static const char all_controls[] =
		"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
		"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f";
	static const struct {
		const char *name, *in, *want;
	} cases[] = {
		{"plain", "bridge", NULL},
		{"empty", "", NULL},
		{"quotes", "say \"hi\"", NULL},
		{"backslashes", "C:\\path\\ and \\\" and \\u0041", NULL},
		{"newline, tab, CR", "a\nb\tc\rd", NULL},
		{"every control char", all_controls, NULL},
		{"escape sequence", "\x1b[31mred\x1b[0m", NULL},
		{"slash", "</script>", NULL},
		{"Korean", "reth1이 DOWN 상태입니다 — 다리", NULL},
		{"emoji (4 bytes)", "ok \xf0\x9f\x98\x80 done", NULL},
		{"largest code point", "\xf4\x8f\xbf\xbf", NULL},
		{"lone 0xff", "a\xff" "b", "a" FFFD "b"},
		{"cut short at the end", "ab\xc3", "ab" FFFD},
		{"cut short in the middle", "\xe2\x82x", FFFD FFFD "x"},
		{"overlong slash", "\xc0\xaf", FFFD FFFD},
		{"overlong 3 bytes", "\xe0\x80\xaf", FFFD FFFD FFFD},
		{"surrogate", "\xed\xa0\x80", FFFD FFFD FFFD},
		{"beyond U+10FFFF", "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD},
		{"continuation alone", "\x80x", FFFD "x"},
		{"Korean then garbage", "다\xfe리", "다" FFFD "리"},
	};
	enum grade_format f;
	char *json;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		round_trip(cases[i].name, cases[i].in,
			   cases[i].want ? cases[i].want : cases[i].in);

	exactly("quote", "\"", "\"\\\"\"");
	exactly("backslash", "\\", "\"\\\\\"");
	exactly("newline", "\n", "\"\\n\"");
	exactly("control 0x01", "\x01", "\"\\u0001\"");
	exactly("DEL", "\x7f", "\"\\u007f\"");
	exactly("invalid byte", "\xff", "\"\\ufffd\"");
	exactly("Korean kept as UTF-8", "한", "\"한\"");
	exactly("NULL", NULL, "null");

	json = escaped("\xff\xfe");
	ok(json && strspn(json, "\"\\ufd") == strlen(json),
	   "invalid bytes leave only ASCII escapes");
	free(json);

	ok(grade_format_parse("text", &f) == 0 && f == GRADE_TEXT, "format text");
	ok(grade_format_parse("json", &f) == 0 && f == GRADE_JSON, "format json");
	ok(grade_format_parse("tap", &f) == 0 && f == GRADE_TAP, "format tap");
	ok(grade_format_parse("xml", &f) == -EINVAL, "format xml is refused");
	ok(grade_format_parse("", &f) == -EINVAL, "an empty format is refused");
	return tap_done();
}
