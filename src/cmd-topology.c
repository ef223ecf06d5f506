/* cmd-topology.c: "topology [--ascii|--utf8] [--dot|--json]": the lab
 * drawn from what the kernel holds now. */
#include "system.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "out.h"
#include "timeline.h"
#include "topo.h"
#include "tutor.h"

enum topo_format { TOPO_PICTURE, TOPO_DOT, TOPO_JSON };

struct topo_args {
	enum topo_format format;
	int utf8;		/* -1: as the locale says */
};

static int topo_args_read(int argc, char **argv, struct topo_args *a)
{
	*a = (struct topo_args){TOPO_PICTURE, -1};
	for (int i = 0; i < argc; i++) {
		if (streq(argv[i], "--ascii"))
			a->utf8 = 0;
		else if (streq(argv[i], "--utf8"))
			a->utf8 = 1;
		else if (streq(argv[i], "--dot"))
			a->format = TOPO_DOT;
		else if (streq(argv[i], "--json"))
			a->format = TOPO_JSON;
		else {
			out_error(_("topology: unknown option \"%s\""),
				  argv[i]);
			out_hint(_("topology draws the lab; --ascii draws it "
				   "without box characters, --dot writes it "
				   "for Graphviz, --json writes the model."));
			return -EINVAL;
		}
	}
	return 0;
}

/* The terminal's width, or 80 when stdout is not a terminal. */
static int screen_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

static void topo_picture(const struct topo *t, const struct topo_args *a)
{
	struct topo_focus focus[4];
	struct topo_draw_opts o = {
		.utf8 = a->utf8 < 0 ? tl_locale_utf8() : a->utf8,
		.color = out_settings.color,
		.width = screen_width(),
		.focus = focus,
	};

	o.n_focus = tutor_focus(focus, ARRAY_SIZE(focus));
	topo_draw(t, &o, stdout);
}

static int topology_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct topo_options opts = {.firewall = true};
	struct topo_args a;
	struct topo t;
	int err;

	(void)ctx;
	if (topo_args_read(argc, argv, &a) < 0)
		return CMD_ERROR;
	err = topo_discover(&opts, &t);
	if (err < 0) {
		out_error(_("topology: cannot read the lab: %s"),
			  out_strerror(-err));
		return CMD_ERROR;
	}
	if (a.format == TOPO_DOT)
		topo_dot(&t, stdout);
	else if (a.format == TOPO_JSON)
		topo_json(&t, stdout);
	else
		topo_picture(&t, &a);
	topo_free(&t);
	return CMD_OK;
}

static const char *const topology_words[] = {"--ascii", "--utf8", "--dot",
					     "--json", NULL};

const struct cmd_entry cmd_topology_entry = {
	.name = "topology",
	.usage = N_("topology [--ascii|--utf8] [--dot|--json]"),
	.summary = N_("draw the lab: namespaces, wires, bridges, addresses"),
	.min_args = 0,
	.max_args = 2,
	.exec = topology_exec,
	.words = topology_words,
};
