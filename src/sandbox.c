/* sandbox.c: the learner's private world (being written). */
#include "system.h"

#include "out.h"
#include "sandbox.h"

static struct sandbox_info info;

int sandbox_open(int state_fd, bool create)
{
	out_error(_("nstutor: the sandbox world is not available yet; use --world=host"));
	return -EOPNOTSUPP;
}

void sandbox_prepare(void)
{
}

const struct sandbox_info *sandbox_info(void)
{
	return &info;
}

int sandbox_stop(int state_fd)
{
	return -EOPNOTSUPP;
}

_Noreturn void sandbox_keeper_main(void)
{
	_exit(0);
}
