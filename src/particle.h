/* particle.h: Korean particles that follow a name as it is read aloud.
 *
 * A Korean particle changes with the sound before it: RED가 but br0이,
 * reth1로 but 11.11.11.3으로.  Translations write the double form
 * after a name — 은(는) 이(가) 을(를) 와(과) (으)로 (이)라… — and
 * particle_resolve() turns each into the one form the word before it
 * takes, read as a Korean speaker reads it:
 *   Hangul      by its own final consonant (받침);
 *   digits      by the name of the last digit: 0 영, 3 삼, 6 육 end in a
 *               consonant, 1 일, 7 칠, 8 팔 in ㄹ (reth1로), 2 이, 4 사,
 *               5 오, 9 구 in a vowel;
 *   letters     a run of letters without a e i o u y (or a single letter)
 *               is spelled (NS 엔에스): L 엘, R 알 end in ㄹ, M 엠, N 엔 in
 *               another consonant, the rest in a vowel; any other word is
 *               read as English (see latin_final() in particle.c):
 *               -m -n -ng -me -ne end in ㅁ/ㄴ/ㅇ, -l -le in ㄹ, -ck, a
 *               vowel before -k and a short vowel before -t -p -b -c in
 *               ㄱ/ㅅ/ㅂ (internet 인터넷, drop 드롭, mac 맥), and -out in
 *               ㅅ (timeout 타임아웃); everything else (-d -s -r -e -t after a
 *               consonant, vowels: RED 레드, port 포트) in a vowel; a few
 *               words are listed as read (ip 아이피, NAT 엔에이티, type 타입);
 *   quotes and a parenthesis after the word are looked through:
 *               "RED"이(가) reads RED, keeper(pid 7)가 reads keeper.
 */
#ifndef NSTUTOR_PARTICLE_H
#define NSTUTOR_PARTICLE_H

#include <stdarg.h>

#include "system.h"

enum particle_final {
	PARTICLE_UNKNOWN,   /* nothing readable: keep the double form */
	PARTICLE_VOWEL,     /* no final consonant: 는 가 를 와 로 */
	PARTICLE_RIEUL,     /* final ㄹ: 은 이 을 과, but 로 */
	PARTICLE_CONSONANT, /* another final consonant: 은 이 을 과 으로 */
};

/* How the len bytes of text end when read aloud in Korean. */
enum particle_final particle_final(const char *text, size_t len);

/* Where the word a particle after text belongs to ends: len, less the
 * closing quotes and parenthesised asides after that word. */
size_t particle_anchor(const char *text, size_t len);

/* True when s holds a double-form particle. */
bool particle_has_double(const char *s);

/* Rewrite, in place, every double-form particle in s into the form
 * the word before it takes; one with nothing readable before it is
 * left as it is.  Returns s. */
char *particle_resolve(char *s);

/* vsnprintf() and vasprintf(), then particle_resolve() when fmt holds a
 * double form (so what an untranslated format prints is left byte for
 * byte).  They return the length of the text, or what vsnprintf() and
 * vasprintf() return when the text is cut short or cannot be made. */
int particle_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int particle_snprintf(char *buf, size_t size, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
int particle_vasprintf(char **s, const char *fmt, va_list ap);
int particle_asprintf(char **s, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
