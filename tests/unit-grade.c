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
#include "json-string.h"
#include "tap.h"

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
