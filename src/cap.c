/* cap.c: live libpcap captures (stub until built). */
#include "system.h"

#include "cap.h"
