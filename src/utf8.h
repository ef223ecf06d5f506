/* utf8.h: UTF-8 as the JSON and DOT writers need it: where a valid
 * sequence ends, so invalid bytes can be replaced, never passed on. */
#ifndef NSTUTOR_UTF8_H
#define NSTUTOR_UTF8_H

#include "system.h"

/* The length of the valid UTF-8 sequence at s, or 0 when s starts with
 * an invalid one (overlong, surrogate, beyond U+10FFFF, cut short). */
size_t utf8_sequence(const unsigned char *s);

#endif
