/* particle.c: Korean particles after a name, by its sound (particle.h). */
#include "system.h"

#include <stdarg.h>
#include <stdint.h>

#include "particle.h"

/* A double form as translations write it and the form it becomes after
 * a vowel, after ㄹ and after any other final consonant. */
struct double_form {
	const char *text;
	const char *vowel, *rieul, *consonant;
};

static const struct double_form double_forms[] = {
	{"은(는)", "는", "은", "은"},   {"는(은)", "는", "은", "은"},
	{"이(가)", "가", "이", "이"},   {"가(이)", "가", "이", "이"},
	{"을(를)", "를", "을", "을"},   {"를(을)", "를", "을", "을"},
	{"와(과)", "와", "과", "과"},   {"과(와)", "와", "과", "과"},
	{"(으)로", "로", "로", "으로"}, {"(이)", "", "이", "이"},
};

#define HANGUL_FIRST 0xac00
#define HANGUL_LAST  0xd7a3

static bool is_hangul_syllable(uint32_t cp)
{
	return cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
}

/* The code point of the character that ends the len bytes of s; 0 when
 * those bytes do not end in UTF-8. */
static uint32_t last_char(const char *s, size_t len)
{
	static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	static const unsigned char lead_bits[5] = {0, 0x00, 0xc0, 0xe0, 0xf0};
	const unsigned char *u = (const unsigned char *)s;
	size_t start, k;
	uint32_t cp;

	if (len == 0)
		return 0;
	start = len - 1;
	while (start > 0 && len - start < 4 && (u[start] & 0xc0) == 0x80)
		start--;
	k = len - start;
	if ((u[start] & ~lead_mask[k] & 0xff) != lead_bits[k])
		return 0;
	cp = u[start] & lead_mask[k];
	for (size_t i = start + 1; i < len; i++)
		cp = cp << 6 | (u[i] & 0x3f);
	return cp;
}

/* The code point of the character at s (one of at most left bytes), 0
 * when it is not valid UTF-8. */
static uint32_t next_char(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;

	if (left >= 3 && (u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80)
		return (uint32_t)(u[0] & 0x0f) << 12 | (u[1] & 0x3f) << 6 |
		       (u[2] & 0x3f);
	return left ? u[0] : 0;
}

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);

	return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* Closing quotes a particle may follow: "RED"이(가). */
static size_t closing_quote(const char *s, size_t len)
{
	static const char *const quotes[] = {
		"\"", "'", "`", "\u201d", "\u2019", "\u300d", "\u300f",
		"\u300b", "\u3009",
	};

	for (size_t i = 0; i < ARRAY_SIZE(quotes); i++)
		if (ends_with(s, len, quotes[i]))
			return strlen(quotes[i]);
	return 0;
}

/* Where the bracket closing s[len - 1] opens, or len when unmatched. */
static size_t opening_bracket(const char *s, size_t len)
{
	char close = s[len - 1];
	char open = close == ')' ? '(' : close == ']' ? '[' : '{';
	int depth = 0;

	for (size_t i = len; i-- > 0;) {
		if (s[i] == close)
			depth++;
		else if (s[i] == open && --depth == 0)
			return i;
	}
	return len;
}

size_t particle_anchor(const char *text, size_t len)
{
	for (;;) {
		size_t q = closing_quote(text, len), open, before;

		if (q) {
			len -= q;
			continue;
		}
		if (len == 0 || (text[len - 1] != ')' && text[len - 1] != ']' &&
				 text[len - 1] != '}'))
			return len;
		/* keeper(pid 7)가: the particle goes with the word before
		 * the aside; with nothing before it, with what is inside. */
		open = opening_bracket(text, len);
		before = open;
		while (before > 0 && text[before - 1] == ' ')
			before--;
		if (open < len && before > 0)
			len = before;
		else
			len--;
	}
}

/* Digits by their Korean names: 영 일 이 삼 사 오 육 칠 팔 구.  A
 * number read whole ends in the name of its last digit, or in 십, 백,
 * 천 or 만 (all a consonant, as 영 is) when that digit is 0. */
static enum particle_final digit_final(char d)
{
	static const enum particle_final by_digit[10] = {
		PARTICLE_CONSONANT, PARTICLE_RIEUL,	PARTICLE_VOWEL,
		PARTICLE_CONSONANT, PARTICLE_VOWEL,	PARTICLE_VOWEL,
		PARTICLE_CONSONANT, PARTICLE_RIEUL,	PARTICLE_RIEUL,
		PARTICLE_VOWEL,
	};

	return by_digit[d - '0'];
}

static bool is_vowel_letter(char c)
{
	return c && strchr("aeiou", c) != NULL;
}

/* The letter at i is a, e, i, o or u with no vowel before it: the short
 * vowel of "net", "drop", "mac" that makes the consonant after it a
 * final (넷, 드롭, 맥) rather than a syllable of its own (포트, 루프). */
static bool short_vowel_at(const char *w, size_t i)
{
	return is_vowel_letter(w[i]) && (i == 0 || !is_vowel_letter(w[i - 1]));
}

/* Words whose usual reading the rules below miss, compared whole (a
 * run of letters and digits, any case). */
static const struct {
	const char *word;
	enum particle_final final;
} read_words[] = {
	{"ip", PARTICLE_VOWEL},	      /* 아이피 */
	{"id", PARTICLE_VOWEL},	      /* 아이디 */
	{"ok", PARTICLE_VOWEL},	      /* 오케이 */
	{"ipv4", PARTICLE_VOWEL},     /* 아이피브이포 */
	{"ipv6", PARTICLE_VOWEL},     /* 아이피브이식스 */
	{"nat", PARTICLE_VOWEL},      /* 엔에이티 */
	{"snat", PARTICLE_VOWEL},     /* 에스엔에이티 */
	{"dnat", PARTICLE_VOWEL},     /* 디엔에이티 */
	{"ack", PARTICLE_VOWEL},      /* 에이씨케이: SYN-ACK가 */
	{"check", PARTICLE_VOWEL},    /* 체크 */
	{"type", PARTICLE_CONSONANT}, /* 타입 */
};

/* A run of Latin letters (w, n letters, lower case) read the way a
 * Korean speaker reads it; see particle.h. */
static enum particle_final latin_final(const char *w, size_t n)
{
	char last = w[n - 1], prev = n >= 2 ? w[n - 2] : '\0';
	bool spelled = true;

	for (size_t i = 0; i < n && n > 1; i++)
		if (is_vowel_letter(w[i]) || w[i] == 'y')
			spelled = false;
	if (spelled) /* NS 엔에스, tcp 티씨피, br 비알 */
		return last == 'l' || last == 'r'   ? PARTICLE_RIEUL
		       : last == 'm' || last == 'n' ? PARTICLE_CONSONANT
						    : PARTICLE_VOWEL;
	switch (last) {
	case 'l': /* tool 툴, kernel 커널 */
		return PARTICLE_RIEUL;
	case 'm': /* team 팀 */
	case 'n': /* chain 체인, down 다운 */
		return PARTICLE_CONSONANT;
	case 'g': /* ping 핑, but log 로그 */
		return prev == 'n' ? PARTICLE_CONSONANT : PARTICLE_VOWEL;
	case 'e': /* table 테이블, name 네임, line 라인, but route 라우트 */
		if (prev == 'l')
			return PARTICLE_RIEUL;
		return prev == 'm' || prev == 'n' ? PARTICLE_CONSONANT
						  : PARTICLE_VOWEL;
	case 'k': /* stack 스택, book 북, but link 링크 */
		return prev == 'c' || is_vowel_letter(prev) ? PARTICLE_CONSONANT
							   : PARTICLE_VOWEL;
	case 't': /* internet 인터넷, timeout 타임아웃, but port 포트 */
		if (n >= 3 && memcmp(w + n - 3, "out", 3) == 0)
			return PARTICLE_CONSONANT;
		/* fall through */
	case 'c': /* mac 맥, but sync 싱크 */
	case 'p': /* drop 드롭, but loop 루프, dump 덤프 */
	case 'b': /* web 웹 */
		return n >= 2 && short_vowel_at(w, n - 2) ? PARTICLE_CONSONANT
							  : PARTICLE_VOWEL;
	default: /* RED 레드, address 어드레스, router 라우터, NAVY 네이비 */
		return PARTICLE_VOWEL;
	}
}

static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_ascii_alnum(char c)
{
	return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

/* The letters and digits that end the len bytes of text, lower case,
 * in word (of size), at most size - 1 of them; their number. */
static size_t last_word(const char *text, size_t len, char *word, size_t size)
{
	size_t start = len, n;

	while (start > 0 && is_ascii_alnum(text[start - 1]) &&
	       len - start < size - 1)
		start--;
	n = len - start;
	for (size_t i = 0; i < n; i++) {
		char c = text[start + i];

		word[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	word[n] = '\0';
	return n;
}

enum particle_final particle_final(const char *text, size_t len)
{
	char word[32];
	size_t n, letters;
	uint32_t cp;

	len = particle_anchor(text, len);
	cp = last_char(text, len);
	if (is_hangul_syllable(cp)) {
		unsigned int jong = (cp - HANGUL_FIRST) % 28;

		return jong == 0   ? PARTICLE_VOWEL
		       : jong == 8 ? PARTICLE_RIEUL
				   : PARTICLE_CONSONANT;
	}
	if (cp == 0 || cp >= 0x80 || !is_ascii_alnum((char)cp))
		return PARTICLE_UNKNOWN;
	n = last_word(text, len, word, sizeof(word));
	for (size_t i = 0; i < ARRAY_SIZE(read_words); i++)
		if (streq(read_words[i].word, word))
			return read_words[i].final;
	if (cp <= '9')
		return digit_final((char)cp);
	letters = 0;
	while (letters < n && is_ascii_letter(word[n - 1 - letters]))
		letters++;
	return latin_final(word + n - letters, letters);
}

/* The double form that starts at s, if any. */
static const struct double_form *double_form_at(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(double_forms); i++) {
		const struct double_form *f = &double_forms[i];
		size_t n = strlen(f->text);

		if (strncmp(s, f->text, n) != 0)
			continue;
		/* (이) only as the copula before an ending: (이)라는, (이)나 */
		if (streq(f->text, "(이)") &&
		    !is_hangul_syllable(next_char(s + n, strlen(s + n))))
			continue;
		return f;
	}
	return NULL;
}

bool particle_has_double(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(double_forms); i++)
		if (strstr(s, double_forms[i].text))
			return true;
	return false;
}

char *particle_resolve(char *s)
{
	char *w = s;
	const char *r = s;

	while (*r) {
		const struct double_form *f = double_form_at(r);
		const char *single = NULL;
		size_t n;

		if (!f) {
			*w++ = *r++;
			continue;
		}
		switch (particle_final(s, (size_t)(w - s))) {
		case PARTICLE_VOWEL:
			single = f->vowel;
			break;
		case PARTICLE_RIEUL:
			single = f->rieul;
			break;
		case PARTICLE_CONSONANT:
			single = f->consonant;
			break;
		case PARTICLE_UNKNOWN:
			single = f->text;
			break;
		}
		n = strlen(single);
		memmove(w, single, n);
		w += n;
		r += strlen(f->text);
	}
	*w = '\0';
	return s;
}

int particle_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (n < 0 || size == 0 || !particle_has_double(fmt))
		return n;
	particle_resolve(buf);
	return (size_t)n >= size ? n : (int)strlen(buf);
}

int particle_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = particle_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int particle_vasprintf(char **s, const char *fmt, va_list ap)
{
	int n = vasprintf(s, fmt, ap);

	if (n < 0 || !particle_has_double(fmt))
		return n;
	return (int)strlen(particle_resolve(*s));
}

int particle_asprintf(char **s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = particle_vasprintf(s, fmt, ap);
	va_end(ap);
	return n;
}
