/* unit-topo-picture.c: topo_draw on models made by hand: a namespace
 * with a Korean name and a Korean focus line keep every box edge in
 * its column (widths counted by the C library's wcwidth, not by
 * nstutor's own), eight namespaces with long names still fit 80
 * columns, ASCII is ASCII, colour only when asked, a link that is
 * down dashed and marked, a focus marked and said. */
#include "system.h"

#include <locale.h>
#include <netinet/in.h>
#include <wchar.h>

#include "tap.h"
#include "topo.h"

#define NS_MAX 10
#define LINKS_MAX 12

static struct topo_ns nss[NS_MAX];
static struct topo_link links[NS_MAX][LINKS_MAX];

static struct topo_link *link_add(struct topo *t, size_t ns, const char *name,
				  const char *kind, bool up)
{
	struct topo_ns *n = &t->ns[ns];
	struct topo_link *l = &links[ns][n->n_links];

	*l = (struct topo_link){.ifindex = (int)n->n_links + 1, .up = up,
				.master = -1, .peer_ns = -1, .peer_link = -1};
	snprintf(l->name, sizeof(l->name), "%s", name);
	snprintf(l->kind, sizeof(l->kind), "%s", kind);
	n->links = links[ns];
	n->n_links++;
	return l;
}

static void addr4(struct topo_link *l, unsigned char a, unsigned char b,
		  unsigned char c, unsigned char d, int len)
{
	struct topo_addr *x = &l->addrs[l->n_addrs++];

	*x = (struct topo_addr){.family = AF_INET, .prefixlen = len};
	x->ip[0] = a, x->ip[1] = b, x->ip[2] = c, x->ip[3] = d;
}

static void pair(size_t ns1, int l1, size_t ns2, int l2)
{
	links[ns1][l1].peer_ns = (int)ns2;
	links[ns1][l1].peer_link = l2;
	links[ns2][l2].peer_ns = (int)ns1;
	links[ns2][l2].peer_link = l1;
}

static void model(struct topo *t, size_t n, const char *const *names)
{
	memset(nss, 0, sizeof(nss));
	memset(links, 0, sizeof(links));
	t->ns = nss;
	t->n_ns = n;
	for (size_t i = 0; i < n; i++) {
		snprintf(nss[i].name, sizeof(nss[i].name), "%s", names[i]);
		nss[i].ip_forward = -1;
		nss[i].forward_policy = -1;
		link_add(t, i, "lo", "", true)->loopback = true;
	}
}

/* The picture, into buf. */
static void draw(const struct topo *t, const struct topo_draw_opts *o,
		 char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "w");

	topo_draw(t, o, f);
	fclose(f);
}

/* Display width of one line, by the C library. */
static int line_width(const char *s, size_t len)
{
	wchar_t w[512];
	char tmp[2048];
	size_t n;

	snprintf(tmp, sizeof(tmp), "%.*s", (int)len, s);
	n = mbstowcs(w, tmp, 512);
	return n == (size_t)-1 ? -1 : wcswidth(w, n);
}

/* Every line's width, widest into *widest; whether all lines of the
 * picture (not the focus lines under it) are as wide as the first. */
static bool widths(const char *pic, int *widest)
{
	int first = -1;
	bool same = true;

	*widest = 0;
	for (const char *p = pic; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int w = line_width(p, len);

		if (w > *widest)
			*widest = w;
		if (first < 0)
			first = w;
		else if (strncmp(p, "▶", 3) && *p != '>' && w != first)
			same = false;
		p += len + (nl ? 1 : 0);
	}
	return same;
}

static void korean(void)
{
	static const char *const names[] = {"", "빨강", "BLUE"};
	struct topo_focus focus = {.set = true, .ns = "빨강", .ifname = "reth0",
				   .why = "reth0이 DOWN 상태입니다"};
	struct topo_draw_opts o = {.utf8 = true, .focus = &focus, .n_focus = 1};
	struct topo t;
	char pic[8192];
	int widest;
	struct topo_link *r, *b;

	model(&t, 3, names);
	link_add(&t, 0, "reth1", "veth", true);
	link_add(&t, 0, "beth1", "veth", true);
	r = link_add(&t, 1, "reth0", "veth", false);
	addr4(r, 11, 11, 11, 2, 24);
	b = link_add(&t, 2, "beth0", "veth", true);
	addr4(b, 11, 11, 11, 3, 24);
	pair(0, 1, 1, 1);
	pair(0, 2, 2, 1);
	draw(&t, &o, pic, sizeof(pic));
	printf("%s", pic);
	ok(strstr(pic, "─ 빨강 ") != NULL, "the Korean name is the box's title");
	ok(widths(pic, &widest), "every line ends at the host box's border, "
	   "Korean counted two columns wide (wcswidth)");
	ok(widest <= 80, "no line over 80 columns (%d)", widest);
	ok(strstr(pic, "reth0 DOWN ◀") != NULL, "the link down is marked DOWN, "
	   "and the step's marker follows it");
	ok(strstr(pic, "┄") != NULL, "its wire is dashed");
	ok(strstr(pic, "▶ this step: reth0이 DOWN 상태입니다\n") != NULL,
	   "the step's words are said under the picture");
	ok(strchr(pic, '\033') == NULL, "no escape bytes without colour");
}

static void wide_lab(void)
{
	static const char *const names[] = {
		"", "namespace-one", "namespace-two", "namespace-three",
		"namespace-four", "namespace-five", "namespace-six",
		"namespace-seven", "namespace-eight"};
	struct topo_draw_opts o = {.utf8 = false};
	struct topo t;
	char pic[32768];
	int widest;

	model(&t, 9, names);
	link_add(&t, 0, "br-long-name0", "bridge", true);
	for (size_t i = 1; i < 9; i++) {
		char host[16], inside[16];
		struct topo_link *h, *in;

		snprintf(host, sizeof(host), "veth-host-%zu", i);
		snprintf(inside, sizeof(inside), "veth-inside-%zu", i);
		h = link_add(&t, 0, host, "veth", true);
		h->master = 1;
		in = link_add(&t, i, inside, "veth", true);
		addr4(in, 172, 16, (unsigned char)i, 200, 24);
		addr4(in, 192, 168, 100, (unsigned char)(100 + i), 24);
		pair(0, (int)t.ns[0].n_links - 1, i, 1);
	}
	draw(&t, &o, pic, sizeof(pic));
	printf("%s", pic);
	ok(widths(pic, &widest), "eight namespaces: the border is straight");
	ok(widest <= 80, "... and no line is over 80 columns (%d)", widest);
	for (size_t i = 1; i < 9; i++) {
		char want[32];

		snprintf(want, sizeof(want), "veth-host-%zu", i);
		ok(strstr(pic, want) && strstr(pic, names[i]),
		   "%s and its wire's end %s are there, whole", names[i], want);
	}
	ok(strspn(pic, "\n +-|:<=>.,/0123456789abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == strlen(pic),
	   "ASCII: nothing but ASCII");
}

/* Does every line's last escape turn colour off? */
static bool colour_closed(const char *pic)
{
	const char *last = NULL;

	for (const char *p = pic; *p; p++) {
		if (*p == '\033')
			last = p;
		if (*p == '\n') {
			if (last && strncmp(last, "\033[0m", 4) != 0)
				return false;
			last = NULL;
		}
	}
	return true;
}

static void narrow(void)
{
	static const char *const names[] = {"", "namespace-number-1",
					    "namespace-number-2"};
	struct topo_draw_opts o = {.utf8 = true};
	struct topo t;
	char pic[8192];
	int widest;

	model(&t, 3, names);
	for (size_t i = 1; i < 3; i++) {
		struct topo_link *h = link_add(&t, 0, i == 1 ? "host-end-one"
							      : "host-end-two",
					       "veth", true);
		struct topo_link *in = link_add(&t, i, "inside-link-xy",
						"veth", true);
		struct topo_addr *a = &in->addrs[in->n_addrs++];

		*a = (struct topo_addr){.family = AF_INET6, .prefixlen = 64};
		memcpy(a->ip, "\xfd\x00\x12\x34\x56\x78\x9a\xbc"
			      "\xde\xf0\x12\x34\x56\x78\x9a\xbc", 16);
		addr4(h, 198, 51, 100, (unsigned char)(100 + i), 24);
		pair(0, (int)t.ns[0].n_links - 1, i, 1);
	}
	draw(&t, &o, pic, sizeof(pic));
	printf("%s", pic);
	ok(widths(pic, &widest), "a lab too wide for one line a link: the "
	   "border is straight");
	ok(widest <= 80, "... names and addresses go on rows of their own, "
	   "and it fits 80 columns (%d)", widest);
	ok(strstr(pic, "fd00:1234:5678:9abc:def0:1234:5678:9abc/64") != NULL,
	   "... the long address is whole");
}

static void colour(void)
{
	static const char *const names[] = {"", "RED"};
	struct topo_draw_opts o = {.utf8 = true, .color = true};
	struct topo t;
	char pic[4096];

	model(&t, 2, names);
	draw(&t, &o, pic, sizeof(pic));
	ok(strstr(pic, "\033[0;31m") != NULL, "with colour, RED's box has one");
	ok(colour_closed(pic), "... and every line ends with the colour off");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	korean();
	wide_lab();
	narrow();
	colour();
	return tap_done();
}
