/* timeline.h: one ping's frames, merged across places, in words
 * (stub until built). */
#ifndef NSTUTOR_TIMELINE_H
#define NSTUTOR_TIMELINE_H

#include "system.h"

#endif
