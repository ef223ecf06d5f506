/* check.c: lesson checks (stub until built). */
#include "system.h"

#include "check.h"
