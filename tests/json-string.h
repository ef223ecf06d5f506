/* json-string.h: a small strict JSON string parser, for the tests of
 * --check's JSON (unit-grade.c, fuzz/fuzz-json.c): valid UTF-8, no raw
 * control character, only JSON's escapes, surrogates in pairs. */
#ifndef NSTUTOR_TESTS_JSON_STRING_H
#define NSTUTOR_TESTS_JSON_STRING_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

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

#endif
