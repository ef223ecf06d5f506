/* fuzz-tokenize.c: libFuzzer target for the command-line tokenizer
 * (tokenize.c) and the parsers of the words ip takes (inet.c).
 *
 * Every input is one typed line.  When it splits, each command's words
 * are quoted again, one by one in '...', with the operators between
 * them, and the quoted line must split into the same words and links; each word is read as an IPv4 and IPv6 prefix,
 * an address and a MAC address, and what parses is printed and must
 * read back the same.  Running a command is not fuzzed here: it needs
 * a world (tests/bad-input.sh types the mistakes instead).
 */
#include "fuzz.h"

#include <arpa/inet.h>

#include "inet.h"
#include "tokenize.h"

/* word in single quotes, each ' as '\'' (as sh quotes). */
static void quote(const char *word, FILE *f)
{
	putc('\'', f);
	for (const char *p = word; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", f);
		else
			putc(*p, f);
	}
	putc('\'', f);
}

static char *requote(const struct command_list *list)
{
	char *line = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&line, &len);

	fuzz_assert(f);
	for (size_t i = 0; i < list->n; i++) {
		for (int k = 0; k < list->cmds[i].argc; k++) {
			quote(list->cmds[i].argv[k], f);
			putc(' ', f);
		}
		fprintf(f, "%s ", tok_link_text(list->cmds[i].next));
	}
	fuzz_assert(fclose(f) == 0);
	return line;
}

static void same_words(const struct command_list *a,
		       const struct command_list *b)
{
	fuzz_assert(a->n == b->n);
	for (size_t i = 0; i < a->n; i++) {
		fuzz_assert(a->cmds[i].argc == b->cmds[i].argc);
		fuzz_assert(a->cmds[i].next == b->cmds[i].next);
		fuzz_assert(a->cmds[i].argc > 0);
		fuzz_assert(a->cmds[i].argv[a->cmds[i].argc] == NULL);
		for (int k = 0; k < a->cmds[i].argc; k++)
			fuzz_assert(streq(a->cmds[i].argv[k], b->cmds[i].argv[k]));
	}
}

/* A prefix that parses prints as text that parses to the same. */
static void prefix_round_trip(const char *word, int family)
{
	struct inet_prefix p, again;
	char text[INET6_ADDRSTRLEN + 8], addr[INET6_ADDRSTRLEN];

	if (inet_prefix_parse(word, family, &p) < 0)
		return;
	fuzz_assert(p.family == AF_INET || p.family == AF_INET6);
	fuzz_assert(p.bytelen == (p.family == AF_INET ? 4 : 16));
	fuzz_assert(p.prefixlen >= 0 && p.prefixlen <= p.bytelen * 8);
	inet_format(p.family, p.addr, addr, sizeof(addr));
	snprintf(text, sizeof(text), "%s/%d", addr, p.prefixlen);
	fuzz_assert(inet_prefix_parse(text, p.family, &again) == 0);
	fuzz_assert(again.prefixlen == p.prefixlen);
	fuzz_assert(memcmp(again.addr, p.addr, (size_t)p.bytelen) == 0);
	inet_prefix_mask(&again);
	fuzz_assert(inet_bits_match(again.addr, p.addr, p.prefixlen));
}

static void mac_round_trip(const char *word)
{
	unsigned char mac[32], again[32];
	char text[3 * sizeof(mac)];
	const char *bad;
	int bad_len, n = mac_parse(word, mac, sizeof(mac), &bad, &bad_len);

	if (n < 0) {
		fuzz_assert(bad && bad_len >= 0);
		fuzz_assert(bad >= word && bad + bad_len <= word + strlen(word));
		return;
	}
	fuzz_assert(n <= (int)sizeof(mac));
	if (n == 0)
		return;
	mac_format(mac, (size_t)n, text, sizeof(text));
	fuzz_assert(mac_parse(text, again, sizeof(again), &bad, &bad_len) == n);
	fuzz_assert(memcmp(mac, again, (size_t)n) == 0);
}

static void parse_words(const struct command_list *list)
{
	struct inet_prefix p;

	for (size_t i = 0; i < list->n; i++) {
		for (int k = 0; k < list->cmds[i].argc; k++) {
			const char *w = list->cmds[i].argv[k];

			prefix_round_trip(w, AF_INET);
			prefix_round_trip(w, AF_INET6);
			prefix_round_trip(w, AF_UNSPEC);
			if (inet_addr_parse(w, AF_UNSPEC, &p) == 0)
				fuzz_assert(!p.has_prefixlen);
			mac_round_trip(w);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_string(data, size), *quoted;
	struct command_list list, again;
	struct tok_error error;
	int err = tokenize_line(line, &list, &error);

	if (err < 0) {
		fuzz_assert(err == (error.problem == TOK_UNSUPPORTED ? -ENOTSUP
				    : error.problem == TOK_NO_MEMORY ? -ENOMEM
								     : -EINVAL));
		fuzz_assert(error.token || (error.problem != TOK_UNEXPECTED &&
					    error.problem != TOK_UNSUPPORTED));
		free(line);
		return 0;
	}
	quoted = requote(&list);
	fuzz_assert(tokenize_line(quoted, &again, &error) == 0);
	same_words(&list, &again);
	parse_words(&list);
	command_list_free(&again);
	command_list_free(&list);
	free(quoted);
	free(line);
	return 0;
}
