/* datadirs.h: where nstutor's own data lives.
 *
 * An installed nstutor reads its lessons from PKGDATADIR/lessons and its
 * message catalogues from LOCALEDIR.  One run from its build tree (the
 * binary build/src/nstutor, from any directory) finds the source tree's
 * lessons/ and the build's compiled catalogues instead, through the
 * file "nstutor.uninstalled" that the build writes beside the binary —
 * the way Python's uninstalled build finds its own files.  An installed
 * copy has no such file beside it, so it never looks at a build tree.
 */
#ifndef NSTUTOR_DATADIRS_H
#define NSTUTOR_DATADIRS_H

#include "system.h"

/* The directory of the lessons shipped with this nstutor. */
const char *datadirs_lessons(void);
/* The directory of the message catalogues (LL/LC_MESSAGES/nstutor.mo). */
const char *datadirs_locale(void);
/* Does this nstutor run from its build tree? */
bool datadirs_uninstalled(void);

#endif
