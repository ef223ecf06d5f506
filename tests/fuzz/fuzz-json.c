/* fuzz-json.c: libFuzzer target for the --check JSON writer's escaping,
 * grade_json_string() (grade.c).
 *
 * The output must be one JSON string (RFC 8259) and mean the input:
 * decoded here, it gives back the input's bytes, with each byte that is
 * not part of valid UTF-8 replaced by U+FFFD.
 */
#include "fuzz.h"

#include <ctype.h>

#include "grade.h"
#include "utf8.h"

/* Appends code point c as UTF-8. */
static size_t put_utf8(unsigned int c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | c >> 12);
	out[1] = (char)(0x80 | (c >> 6 & 0x3f));
	out[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

static unsigned int hex4(const char *p)
{
	unsigned int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = p[i];

		fuzz_assert(isxdigit(c));
		v = v * 16 + (unsigned int)(isdigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* Decodes the JSON string at j (len bytes, quotes included) into out. */
static size_t json_decode(const char *j, size_t len, char *out)
{
	size_t n = 0;

	fuzz_assert(len >= 2 && j[0] == '"' && j[len - 1] == '"');
	for (size_t i = 1; i < len - 1;) {
		unsigned char c = (unsigned char)j[i];

		fuzz_assert(c >= 0x20 && c != '"' && c != 0x7f);
		if (c != '\\') {
			out[n++] = (char)c;
			i++;
			continue;
		}
		fuzz_assert(i + 1 < len - 1);
		switch (j[i + 1]) {
		case '"': out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case '/': out[n++] = '/'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			fuzz_assert(i + 5 < len);
			n += put_utf8(hex4(j + i + 2), out + n);
			i += 4;
			break;
		default:
			fuzz_assert(!"a JSON escape");
		}
		i += 2;
	}
	return n;
}

/* RFC 3629's table, written apart from utf8.c: is s[0..n) UTF-8? */
static bool valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
			     c >= 0xe0 && c <= 0xef ? 3 :
			     c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		unsigned char lo = 0x80, hi = 0xbf;

		if (len == 0 || i + len > n)
			return false;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		for (size_t k = 1; k < len; k++) {
			if (s[i + k] < (k == 1 ? lo : 0x80) ||
			    s[i + k] > (k == 1 ? hi : 0xbf))
				return false;
		}
		i += len;
	}
	return true;
}

/* What the JSON should mean: s with invalid bytes as U+FFFD. */
static size_t expected(const char *s, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, len;

	while (*p) {
		len = utf8_sequence(p);
		if (len == 0) {
			n += put_utf8(0xfffd, out + n);
			p++;
			continue;
		}
		memcpy(out + n, p, len);
		n += len;
		p += len;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *json = NULL;
	char *got = malloc(3 * size + 1), *want = malloc(3 * size + 1);
	size_t json_len = 0, n_got, n_want;
	FILE *f = open_memstream(&json, &json_len);

	fuzz_assert(f && got && want);
	grade_json_string(f, s);
	fuzz_assert(fclose(f) == 0);
	fuzz_assert(strlen(json) == json_len);
	fuzz_assert(valid_utf8((const unsigned char *)json, json_len));
	n_got = json_decode(json, json_len, got);
	n_want = expected(s, want);
	fuzz_assert(n_got == n_want && memcmp(got, want, n_got) == 0);
	free(json);
	free(got);
	free(want);
	free(s);
	return 0;
}
