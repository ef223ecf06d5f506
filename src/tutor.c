/* tutor.c: guided mode (stub until built). */
#include "system.h"

#include "tutor.h"

bool tutor_active(void) { return false; }
void tutor_after_command(void) {}
void tutor_end(void) {}
