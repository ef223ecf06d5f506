/* timeline.c: (stub until built). */
#include "system.h"

#include "timeline.h"
