/* topo-draw.c: the model drawn the tutorials' way (see topo.h). */
#include "system.h"

#include "topo.h"

void topo_draw(const struct topo *t, const struct topo_draw_opts *o,
	       FILE *out)
{
	(void)t;
	(void)o;
	(void)out;
}
