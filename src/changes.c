/* changes.c: what the kernel now holds differently (stub until built). */
#include "system.h"

#include "changes.h"

void changes_begin(void) {}
void changes_report(void) {}
void changes_forget(const char *ns) {}
void changes_forget_deleted(void) {}
void changes_end(void) {}
