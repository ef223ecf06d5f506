/* topo-out.c: the model as Graphviz DOT and as JSON. */
#include "system.h"

#include "topo.h"

void topo_dot(const struct topo *t, FILE *out)
{
	(void)t;
	(void)out;
}

void topo_json(const struct topo *t, FILE *out)
{
	(void)t;
	(void)out;
}
