/* fuzz-json.c: libFuzzer target for the --check JSON writer's escaping,
 * grade_json_string() (grade.c).
 *
 * The output must be one JSON string (RFC 8259) and mean the input:
 * decoded here, it gives back the input's bytes, with each byte that is
 * not part of valid UTF-8 replaced by U+FFFD.
 */
#include "fuzz.h"

#include "grade.h"
#include "../json-string.h"
#include "utf8.h"

/* What the JSON should mean: s with invalid bytes as U+FFFD. */
static void expected(const char *s, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;

	while (*p) {
		len = utf8_sequence(p);
		if (len == 0) {
			out += put_utf8(out, 0xfffd);
			p++;
			continue;
		}
		memcpy(out, p, len);
		out += len;
		p += len;
	}
	*out = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *json = NULL;
	char *got = malloc(3 * size + 1), *want = malloc(3 * size + 1);
	size_t json_len = 0;
	FILE *f = open_memstream(&json, &json_len);

	fuzz_assert(f && got && want);
	grade_json_string(f, s);
	fuzz_assert(fclose(f) == 0);
	fuzz_assert(strlen(json) == json_len);
	fuzz_assert(json_parse_string(json, got) == got);
	expected(s, want);
	fuzz_assert(streq(got, want));
	free(json);
	free(got);
	free(want);
	free(s);
	return 0;
}
