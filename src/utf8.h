/* utf8.h: UTF-8 text: where a valid sequence ends (the JSON and DOT
 * writers replace invalid bytes, never pass them on), and how many
 * columns text takes on a terminal (Korean is two wide, a combining
 * mark none, an invalid byte one), whatever the locale. */
#ifndef NSTUTOR_UTF8_H
#define NSTUTOR_UTF8_H

#include "system.h"

/* The length of the valid UTF-8 sequence at s, or 0 when s starts with
 * an invalid one (overlong, surrogate, beyond U+10FFFF, cut short). */
size_t utf8_sequence(const unsigned char *s);

/* The character at s (left bytes remain): its length in bytes (at
 * least 1) and its width in columns. */
size_t utf8_char(const char *s, size_t left, int *width);
/* Display columns of s. */
int utf8_width(const char *s);

#endif
