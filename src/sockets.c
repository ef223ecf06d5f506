/* sockets.c: letting go of a namespace's sockets, everywhere at once. */
#include "system.h"

#include "capture.h"
#include "changes.h"
#include "netlink.h"
#include "nf.h"
#include "sockets.h"
#include "tcpdump.h"
#include "tutor.h"

void sockets_forget(const char *ns)
{
	netlink_forget(ns);
	nf_forget(ns);
	changes_forget(ns);
	capture_forget(ns);
	tcpdump_forget(ns);
	tutor_forget(ns);
}

void sockets_forget_deleted(void)
{
	netlink_forget_deleted();
	nf_forget_deleted();
	changes_forget_deleted();
	capture_forget_deleted();
	tcpdump_forget_deleted();
	tutor_forget_deleted();
}
