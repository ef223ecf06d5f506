/* unit-timeline.c: the timeline on hand-made records: frames grouped
 * into packets, the way each went, where one stopped, and the ladder. */
#include "system.h"

#include <locale.h>

#include "nf-trace.h"
#include "tap.h"
#include "timeline.h"
#include "utf8.h"

static const uint8_t RMAC[6] = {0x2e, 0x4c, 0x03, 0x60, 0x79, 0xa8};
static const uint8_t BMAC[6] = {0x96, 0x04, 0xcf, 0x2b, 0x35, 0x8a};
static const uint8_t BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t RIP[4] = {11, 11, 11, 2}, BIP[4] = {11, 11, 11, 3};

enum { RETH0, RETH1, BR0, BETH1, BETH0, N_PLACES };

static struct cap_place places[N_PLACES] = {
	[RETH0] = {"RED", "reth0", 2, "veth", 0, RETH1, {0}, true},
	[RETH1] = {"", "reth1", 11, "veth", 10, RETH0, {0}, true},
	[BR0] = {"", "br0", 10, "bridge", 0, -1, {0}, true},
	[BETH1] = {"", "beth1", 12, "veth", 10, BETH0, {0}, true},
	[BETH0] = {"BLUE", "beth0", 2, "veth", 0, BETH1, {0}, true},
};

struct frame {
	unsigned char b[98];
	uint32_t len;
};

static size_t eth(unsigned char *b, const uint8_t *dst, const uint8_t *src,
		  uint16_t type)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, src, 6);
	b[12] = type >> 8;
	b[13] = type & 0xff;
	return 14;
}

static struct frame arp(int op, const uint8_t *dst, const uint8_t *sha,
			const uint8_t *spa, const uint8_t *tha,
			const uint8_t *tpa)
{
	struct frame f = {.len = 42};
	unsigned char *a = f.b + eth(f.b, dst, sha, 0x0806);

	a[1] = 1;	/* Ethernet */
	a[2] = 0x08;	/* IPv4 */
	a[4] = 6;
	a[5] = 4;
	a[7] = (unsigned char)op;
	memcpy(a + 8, sha, 6);
	memcpy(a + 14, spa, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa, 4);
	return f;
}

static struct frame echo(int type, const uint8_t *dmac, const uint8_t *smac,
			 const uint8_t *src, const uint8_t *dst)
{
	struct frame f = {.len = 98};
	unsigned char *ip = f.b + eth(f.b, dmac, smac, 0x0800);
	unsigned char *icmp = ip + 20;

	ip[0] = 0x45;
	ip[3] = 84;
	ip[8] = 64;
	ip[9] = 1;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	icmp[0] = (unsigned char)type;
	icmp[4] = 0x7e;	/* id 32264 */
	icmp[5] = 0x08;
	icmp[7] = 1;	/* seq 1 */
	return f;
}

static struct cap_frame frames[256];
static struct frame bytes[256];
static struct cap_record rec;

static void seen(const struct frame *f, unsigned int pl, int64_t t)
{
	size_t i = rec.n_frames++;

	bytes[i] = *f;
	frames[i] = (struct cap_frame){.place = pl,
				       .ts_ns = 1700000000000000000LL + t,
				       .caplen = f->len, .len = f->len,
				       .data = bytes[i].b};
}

static struct tl_addr addrs[2];
static struct tl_fdb fdb[2];
static struct tl_world world = {2, 2, addrs, fdb};

static void setup_world(void)
{
	strcpy(addrs[0].ns, "RED");
	memcpy(&addrs[0].ip, RIP, 4);
	strcpy(addrs[1].ns, "BLUE");
	memcpy(&addrs[1].ip, BIP, 4);
	fdb[0] = (struct tl_fdb){"", 10, {0}, 12};
	memcpy(fdb[0].mac, BMAC, 6);
	fdb[1] = (struct tl_fdb){"", 10, {0}, 11};
	memcpy(fdb[1].mac, RMAC, 6);
	rec.places = places;
	rec.n_places = N_PLACES;
	rec.frames = frames;
}

/* One ping: ARP both ways, the echo request; the reply only when
 * full.  Each frame is stamped on br0 after the port it left by. */
static void one_ping(bool full)
{
	static const uint8_t zero[6];
	struct frame q = arp(1, BCAST, RMAC, RIP, zero, BIP);
	struct frame a = arp(2, RMAC, BMAC, BIP, RMAC, RIP);
	struct frame e = echo(8, BMAC, RMAC, RIP, BIP);
	struct frame r = echo(0, RMAC, BMAC, BIP, RIP);

	rec.n_frames = 0;
	seen(&q, RETH0, 1000);
	seen(&q, RETH1, 1010);
	seen(&q, BETH1, 1020);
	seen(&q, BR0, 1025);
	seen(&q, BETH0, 1030);
	seen(&a, BETH0, 2000);
	seen(&a, BETH1, 2010);
	seen(&a, RETH1, 2020);
	seen(&a, RETH0, 2030);
	seen(&a, BR0, 2040);
	seen(&e, RETH0, 3000);
	seen(&e, RETH1, 3010);
	seen(&e, BR0, 3020);
	if (!full)
		return;
	seen(&e, BETH1, 3015);
	seen(&e, BETH0, 3030);
	seen(&r, BETH0, 4000);
	seen(&r, BETH1, 4010);
	seen(&r, RETH1, 4020);
	seen(&r, BR0, 4025);
	seen(&r, RETH0, 4030);
}

static const char *path_of(const struct tl_packet *p)
{
	static char buf[256];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n_seen; i++)
		used += snprintf(buf + used, sizeof(buf) - used, "%s%s",
				 i ? " " : "", places[p->seen[i].place].ifname);
	return buf;
}

static char *printed(const struct timeline *tl, struct tl_print_opts *o,
		     bool ladder)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (ladder)
		timeline_ladder(tl, o, f);
	else
		timeline_print(tl, &world, o, f);
	fclose(f);
	return text;
}

static int widest_line(const char *text)
{
	char *copy = strdup(text), *save = NULL;
	int widest = 0;

	for (char *l = strtok_r(copy, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save))
		if (utf8_width(l) > widest)
			widest = utf8_width(l);
	free(copy);
	return widest;
}

static void test_full(void)
{
	struct tl_print_opts o = {.utf8 = true};
	struct timeline tl;
	char *text;

	one_ping(true);
	ok(timeline_build(&rec, &world, &tl) == 0, "a full ping builds");
	ok(tl.n == 4, "four packets (got %zu)", tl.n);
	is_str(path_of(&tl.packets[0]), "reth0 reth1 br0 beth1 beth0",
	       "the ARP request's path: br0 right after its way in");
	is_str(path_of(&tl.packets[1]), "beth0 beth1 br0 reth1 reth0",
	       "the ARP reply's path, the other way");
	is_str(path_of(&tl.packets[2]), "reth0 reth1 br0 beth1 beth0",
	       "the echo request's path");
	ok(tl.packets[0].pkt.kind == PKT_ARP_REQUEST &&
	   tl.packets[1].pkt.kind == PKT_ARP_REPLY &&
	   tl.packets[2].pkt.kind == PKT_ICMP_ECHO_REQUEST &&
	   tl.packets[3].pkt.kind == PKT_ICMP_ECHO_REPLY,
	   "in causal order: ARP?, ARP!, echo, reply");
	ok(tl.packets[0].flooded && !tl.packets[1].flooded,
	   "the broadcast is flooded, the reply is not");
	ok(tl.packets[0].stop_at < 0 && tl.packets[3].stop_at < 0,
	   "nothing stopped");
	text = printed(&tl, &o, false);
	ok(strstr(text, "RED   reth0  ") == text, "first line: RED reth0, aligned");
	ok(strstr(text, "ARP, Request who-has 11.11.11.3 tell 11.11.11.2, "
			"length 28\n") != NULL, "tcpdump's words for the ARP request");
	ok(strstr(text, "seen at RED reth0 \u2192 host reth1 \u2192 host br0 "
			"\u2192 host beth1 \u2192 BLUE beth0") != NULL,
	   "the path line");
	ok(strstr(text, "# RED does not know the MAC of 11.11.11.3 yet") != NULL,
	   "the ARP request's note");
	ok(strstr(text, "# the bridge br0 floods the broadcast") != NULL,
	   "the flooding note");
	ok(strstr(text, "# BLUE answers: the reply goes straight back to "
			"RED's MAC") != NULL, "the ARP reply's note");
	ok(strstr(text, "# BLUE answers the echo") != NULL, "the echo reply's note");
	free(text);
	o.plain = true;
	text = printed(&tl, &o, false);
	ok(!strchr(text, '#'), "--plain: no notes");
	free(text);
	timeline_free(&tl);
}

static void diag_text(const char *text)
{
	for (const char *l = text; *l;) {
		const char *end = strchr(l, '\n');
		int n = end ? (int)(end - l) : (int)strlen(l);

		printf("# %.*s\n", n, l);
		l += n + (end ? 1 : 0);
	}
}

static void test_stopped(void)
{
	struct nf_last nf = {.kind = NF_LAST_DROPPED};
	struct tl_print_opts o = {.utf8 = true, .nf = &nf};
	struct timeline tl;
	char line[1024], *text;

	strcpy(nf.text, "dropped in host: table filter, chain FORWARD, "
			"policy DROP");
	one_ping(false);
	ok(timeline_build(&rec, &world, &tl) == 0 && tl.n == 3,
	   "a stopped ping: three packets");
	ok(tl.packets[0].stop_at < 0 && tl.packets[1].stop_at < 0,
	   "the ARP got through both ways");
	ok(tl.packets[2].stop_at == BR0 && tl.packets[2].stop_towards == BETH1,
	   "the echo request stopped at br0, heading to beth1 (fdb)");
	tl_stop_text(&tl, &tl.packets[2], &o, line, sizeof(line));
	is_str(line, "the echo request reached br0 but never left it towards "
		     "beth1: dropped in host: table filter, chain FORWARD, "
		     "policy DROP", "the stop line carries the drop");
	o.nf = NULL;
	tl_stop_text(&tl, &tl.packets[2], &o, line, sizeof(line));
	is_str(line, "the echo request reached br0 but never left it towards "
		     "beth1", "without a trace, no drop line");
	text = printed(&tl, &o, true);
	ok(widest_line(text) <= 80, "the ladder fits 80 columns (%d)",
	   widest_line(text));
	ok(strstr(text, "RED reth0") && strstr(text, "host br0") &&
	   strstr(text, "BLUE beth0") && !strstr(text, "reth1"),
	   "ladder columns: RED reth0 | host br0 | BLUE beth0, no ports");
	ok(strstr(text, "ARP?") && strstr(text, "ARP!") && strstr(text, "echo"),
	   "arrows labelled ARP?, ARP!, echo");
	ok(strstr(text, "\u2717") && strstr(text, "\u2502"),
	   "UTF-8 boxes and a stop mark");
	diag_text(text);
	free(text);
	o.utf8 = false;
	text = printed(&tl, &o, true);
	ok(!strstr(text, "\u2502") && strstr(text, "X") && strstr(text, "|"),
	   "ASCII when not UTF-8");
	diag_text(text);
	free(text);
	timeline_free(&tl);
}

static void test_grouping(void)
{
	static const uint8_t zero[6];
	struct frame q = arp(1, BCAST, RMAC, RIP, zero, BIP);
	struct timeline tl;

	rec.n_frames = 0;
	seen(&q, RETH0, 0);
	seen(&q, RETH0, 1000);		/* sent again at once */
	seen(&q, RETH1, 2000);
	seen(&q, RETH0, 1000000000);	/* a second later */
	ok(timeline_build(&rec, NULL, &tl) == 0, "builds without a world");
	ok(tl.n == 3, "the same frame twice at one place is two packets, a "
		      "second later a third (got %zu)", tl.n);
	ok(tl.n == 3 && tl.packets[0].n_seen == 1 &&
	   tl.packets[1].n_seen == 2 && tl.packets[2].n_seen == 1,
	   "sightings: 1, 2 (the copy goes with the latest send), 1");
	timeline_free(&tl);
}

/* A flood: 40 echo exchanges.  The first TL_HEAD and last TL_TAIL
 * packets are shown, one line sums up the rest. */
static void test_long(void)
{
	struct tl_print_opts o = {.utf8 = false};
	struct timeline tl;
	size_t cut = 0;
	char *text;

	rec.n_frames = 0;
	for (int i = 0; i < 40; i++) {
		struct frame e = echo(8, BMAC, RMAC, RIP, BIP);
		struct frame r = echo(0, RMAC, BMAC, BIP, RIP);

		e.b[14 + 20 + 7] = r.b[14 + 20 + 7] = (unsigned char)(i + 1);
		seen(&e, RETH0, i * 10000);
		seen(&e, BETH0, i * 10000 + 10);
		seen(&r, BETH0, i * 10000 + 5000);
		seen(&r, RETH0, i * 10000 + 5010);
	}
	ok(timeline_build(&rec, &world, &tl) == 0 && tl.n == 80,
	   "80 packets (got %zu)", tl.n);
	for (size_t i = 0; i < tl.n; i++)
		cut += tl_cut(&tl, i);
	ok(cut == 80 - TL_HEAD - TL_TAIL, "all but the first %d and last %d "
	   "are summed up (got %zu)", TL_HEAD, TL_TAIL, cut);
	ok(!tl_cut(&tl, 0) && !tl_cut(&tl, TL_HEAD - 1) && tl_cut(&tl, TL_HEAD) &&
	   !tl_cut(&tl, tl.n - 1), "head and tail shown");
	text = printed(&tl, &o, false);
	ok(text && strstr(text, "... 64 more packets like these: 32 echo, 32 reply\n"),
	   "one line sums them up");
	ok(text && strstr(text, "seq 40,") && strstr(text, "seq 6,") &&
	   !strstr(text, "seq 7,"), "the last exchanges are printed, the middle not");
	free(text);
	timeline_free(&tl);
}

/* Five columns whose "NS IFNAME" heads do not fit side by side in 80
 * columns: the namespaces go on one line, the interfaces under them,
 * each whole. */
enum { W_RETH0, W_RETH1, W_BR0, W_UP0, W_UP1, W_BETH1, W_BETH0, W_PLACES };

static struct cap_place wide_places[W_PLACES] = {
	[W_RETH0] = {"RED", "reth0", 2, "veth", 0, W_RETH1, {0}, true},
	[W_RETH1] = {"", "reth1", 11, "veth", 10, W_RETH0, {0}, true},
	[W_BR0] = {"", "br0", 10, "bridge", 0, -1, {0}, true},
	[W_UP0] = {"", "uplink0", 13, "veth", 0, W_UP1, {0}, true},
	[W_UP1] = {"internet", "uplink1", 2, "veth", 0, W_UP0, {0}, true},
	[W_BETH1] = {"", "beth1", 12, "veth", 10, W_BETH0, {0}, true},
	[W_BETH0] = {"BLUE", "beth0", 2, "veth", 0, W_BETH1, {0}, true},
};

static void test_wide_heads(void)
{
	static const uint8_t NIP[4] = {203, 0, 113, 8}, HIP[4] = {198, 51, 100, 2};
	static const uint8_t zero[6];
	struct frame e = echo(8, BMAC, RMAC, RIP, NIP);
	struct frame n = echo(8, BMAC, RMAC, HIP, NIP);
	struct frame q = arp(1, BCAST, BMAC, BIP, zero, RIP);
	struct tl_print_opts o = {.utf8 = true};
	struct cap_record saved = rec;
	struct timeline tl;
	char *text, *second;

	rec.places = wide_places;
	rec.n_places = W_PLACES;
	rec.n_frames = 0;
	seen(&q, W_BETH0, 500);
	seen(&q, W_BETH1, 510);
	seen(&q, W_BR0, 520);
	seen(&e, W_RETH0, 1000);
	seen(&e, W_RETH1, 1010);
	seen(&e, W_BR0, 1020);
	seen(&n, W_UP0, 2000);
	seen(&n, W_UP1, 2010);
	ok(timeline_build(&rec, NULL, &tl) == 0, "five places build");
	text = printed(&tl, &o, true);
	second = strchr(text, '\n');
	ok(widest_line(text) <= 80, "the ladder fits 80 columns (%d)",
	   widest_line(text));
	ok(second && strstr(text, "internet") && strstr(text, "internet") < second &&
	   strstr(text, "BLUE") < second && strstr(text, "RED") < second,
	   "the heads' first line: the namespaces");
	ok(second && strstr(second, "uplink1") && strstr(second, "uplink0") &&
	   strstr(second, "beth0") && !strstr(text, "uplin "),
	   "the second line: the interfaces, whole (no \"uplin\")");
	diag_text(text);
	free(text);
	timeline_free(&tl);
	rec = saved;
}

static void test_width(void)
{
	ok(utf8_width("RED reth0") == 9, "ASCII: one column each");
	ok(utf8_width("\ud638\uc2a4\ud2b8") == 6, "Korean: two columns each");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setup_world();
	test_width();
	test_full();
	test_stopped();
	test_grouping();
	test_long();
	test_wide_heads();
	return tap_done();
}
