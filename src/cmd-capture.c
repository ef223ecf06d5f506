/* cmd-capture.c: "capture [on [-e]|off|save FILE.pcapng|ladder]": the
 * standing capture, and what to do with the last one. */
#include "system.h"

#include "cap.h"
#include "capture.h"
#include "cmd.h"
#include "nf-trace.h"
#include "out.h"
#include "pcapng.h"

static const char capture_help[] =
	N_("Say capture on, capture off, capture save FILE.pcapng or "
	   "capture ladder.");

static void capture_status(void)
{
	const struct cap_record *r = cap_last();

	printf(capture_is_on() ? _("capture is on\n") : _("capture is off\n"));
	if (r)
		printf(_("the last capture holds %zu frames seen at %zu "
			 "places\n"), r->n_frames, r->n_places);
	else
		printf(_("there is no capture yet: turn it on and ping\n"));
}

static int capture_on(int argc, char **argv)
{
	bool e = false;

	for (int i = 0; i < argc; i++) {
		if (!streq(argv[i], "-e")) {
			out_error(_("capture on: unknown option \"%s\""),
				  argv[i]);
			out_hint(_("capture on -e also shows MAC addresses, "
				   "as tcpdump -e."));
			return CMD_ERROR;
		}
		e = true;
	}
	switch (capture_set(true)) {
	case 0:
		break;
	case 1:
		capture_set_link_header(e);
		out_note(_("capture is on: there is no link up to capture on "
			   "yet, so it starts with the first ping after you "
			   "make the lab."));
		return CMD_OK;
	default:
		return CMD_ERROR;
	}
	capture_set_link_header(e);
	out_note(_("Every ping now shows the frames it caused, at every "
		   "interface of the world."));
	return CMD_OK;
}

static int capture_save(int argc, char **argv)
{
	const struct cap_record *r = cap_last();
	int err;

	if (argc < 1) {
		out_error(_("capture save: a file name is needed"));
		out_hint(_("Say where to write it: capture save ping.pcapng"));
		return CMD_ERROR;
	}
	if (!r) {
		out_error(_("capture save: there is no capture to save"));
		out_hint(_("Turn captures on (capture on), then ping."));
		return CMD_ERROR;
	}
	err = pcapng_write(r, argv[0]);
	if (err < 0) {
		out_error("capture save: %s: %s", argv[0], out_strerror(-err));
		if (err == -ENOENT)
			out_hint(_("The directory does not exist: make it "
				   "first, or save in this one."));
		else if (err == -EACCES || err == -EPERM || err == -EROFS)
			out_hint(_("You may not write there: save in your "
				   "own directory."));
		else
			out_hint(_("Choose another file name, like "
				   "ping.pcapng."));
		return CMD_ERROR;
	}
	out_note(_("Wrote %zu frames to %s: tcpdump -r %s, or open it in "
		   "Wireshark."), r->n_frames, argv[0], argv[0]);
	return CMD_OK;
}

static int capture_draw(void)
{
	const struct nf_last *l = nf_last_get();

	if (capture_ladder(l && l->kind == NF_LAST_DROPPED ? l : NULL) < 0) {
		out_error(_("capture ladder: there is no capture to draw"));
		out_hint(_("Turn captures on (capture on), then ping."));
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int capture_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc == 0) {
		capture_status();
		return CMD_OK;
	}
	if (streq(argv[0], "on"))
		return capture_on(argc - 1, argv + 1);
	if (streq(argv[0], "save"))
		return capture_save(argc - 1, argv + 1);
	if (argc == 1 && streq(argv[0], "off")) {
		capture_set(false);
		return CMD_OK;
	}
	if (argc == 1 && streq(argv[0], "ladder"))
		return capture_draw();
	if (streq(argv[0], "off") || streq(argv[0], "ladder"))
		out_error(_("capture %s: unexpected word \"%s\""), argv[0],
			  argv[1]);
	else
		out_error(_("capture: unknown command \"%s\""), argv[0]);
	out_hint("%s", _(capture_help));
	return CMD_ERROR;
}

static const char *const capture_words[] = {"on", "off", "save", "ladder",
					     "-e", NULL};

const struct cmd_entry cmd_capture_entry = {
	.name = "capture",
	.usage = N_("capture [on [-e]|off|save FILE.pcapng|ladder]"),
	.summary = N_("show every frame of a ping, where it was seen; save or "
		      "draw the last capture"),
	.min_args = 0,
	.max_args = 2,
	.exec = capture_exec,
	.words = capture_words,
};
