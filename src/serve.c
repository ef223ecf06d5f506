/* serve.c: the built-in web server and HTTP client (stub until built). */
#include "system.h"

#include "serve.h"

void serve_main(int argc, char **argv)
{
	_exit(1);
}

void serve_stop_all(void) {}

int http_get(const char *ns, const char *url, int timeout_ms, char **body)
{
	*body = NULL;
	return -ENOSYS;
}
