/* pcapng.c: writing pcapng (stub until built). */
#include "system.h"

#include "cap.h"
#include "pcapng.h"
