/* pkt-gen.c: the tcpdump oracle's helper for pkt.c (tests/pkt-oracle.sh).
 *
 *   pkt-gen write FILE.pcap   the hand-made frames of pkt-frames.h, each
 *                             whole and then cut at every length below
 *   pkt-gen print [-e] [-N] FILE
 *                             pkt_format() of every frame of a pcap file,
 *                             one line each (tcpdump -t -n [-e] -r FILE);
 *                             -N: with names (tcpdump -t [-e] -r FILE)
 *   pkt-gen macs FILE MAC...  an ARP reply from each MAC (its oui name)
 *   pkt-gen corpus DIR        the whole frames, one file each (fuzz seeds)
 */
#include "system.h"

#include <pcap/pcap.h>

#include "pkt.h"
#include "pkt-frames.h"

/* A pcap file of Ethernet frames, opened for writing; NULL (having said
 * why) when it cannot be.  Close with dump_close(). */
static pcap_dumper_t *dump_open(const char *path, pcap_t **dead)
{
	pcap_dumper_t *d;

	*dead = pcap_open_dead(DLT_EN10MB, 65535);
	if (!*dead)
		return NULL;
	d = pcap_dump_open(*dead, path);
	if (!d) {
		fprintf(stderr, "pkt-gen: %s: %s\n", path, pcap_geterr(*dead));
		pcap_close(*dead);
	}
	return d;
}

static void dump_close(pcap_dumper_t *d, pcap_t *dead)
{
	pcap_dump_close(d);
	pcap_close(dead);
}

static int write_pcap(const char *path)
{
	static struct frame f[FRAMES_MAX];
	size_t n = frames_make(f);
	pcap_t *dead;
	pcap_dumper_t *d = dump_open(path, &dead);

	if (!d)
		return 1;
	for (size_t i = 0; i < n; i++) {
		for (uint32_t cut = f[i].len + 1; cut-- > 0;) {
			struct pcap_pkthdr h = { .caplen = cut, .len = f[i].len };

			h.ts.tv_sec = (time_t)i;
			pcap_dump((u_char *)d, &h, f[i].b);
		}
	}
	dump_close(d, dead);
	return 0;
}

/* An ARP reply from each MAC ("00:00:0c:01:02:03") to F_BLUE. */
static int write_macs(const char *path, int n, char **macs)
{
	static struct frame f[FRAMES_MAX];
	unsigned char ip2[4] = { 11, 11, 11, 2 }, ip3[4] = { 11, 11, 11, 3 };
	unsigned char mac[6];
	pcap_t *dead;
	pcap_dumper_t *d;

	if (n > FRAMES_MAX || !(d = dump_open(path, &dead)))
		return 1;
	for (int i = 0; i < n; i++) {
		struct pcap_pkthdr h = { .ts.tv_sec = i };

		if (sscanf(macs[i], "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0],
			   &mac[1], &mac[2], &mac[3], &mac[4], &mac[5]) != 6) {
			fprintf(stderr, "pkt-gen: not a MAC: %s\n", macs[i]);
			break;
		}
		f_arp(&f[i], macs[i], 1, 2, mac, ip2, F_BLUE, ip3, F_BLUE);
		h.caplen = h.len = f[i].len;
		pcap_dump((u_char *)d, &h, f[i].b);
	}
	dump_close(d, dead);
	return 0;
}

static int print_pcap(const char *path, bool link, bool names)
{
	char err[PCAP_ERRBUF_SIZE], line[1024];
	static struct pkt_tcp_book book;
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *pc = pcap_open_offline(path, err);
	int rc;

	if (!pc) {
		fprintf(stderr, "pkt-gen: %s\n", err);
		return 1;
	}
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
		struct pkt p;

		pkt_decode(data, h->caplen, h->len, &p);
		pkt_tcp_relate(&book, &p);
		pkt_format_names(&p, link, names, line, sizeof(line));
		printf("%s\n", line);
	}
	pcap_close(pc);
	return rc == PCAP_ERROR_BREAK ? 0 : 1;
}

static int write_corpus(const char *dir)
{
	static struct frame f[FRAMES_MAX];
	size_t n = frames_make(f);
	char path[4096];

	for (size_t i = 0; i < n; i++) {
		FILE *out;

		snprintf(path, sizeof(path), "%s/%s", dir, f[i].name);
		out = fopen(path, "wb");
		if (!out || fwrite(f[i].b, 1, f[i].len, out) != f[i].len) {
			perror(path);
			if (out)
				fclose(out);
			return 1;
		}
		if (fclose(out) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool link = false, names = false;
	int i = 2;

	if (argc == 3 && streq(argv[1], "write"))
		return write_pcap(argv[2]);
	if (argc >= 3 && streq(argv[1], "print")) {
		for (; i < argc - 1; i++) {
			if (streq(argv[i], "-e"))
				link = true;
			else if (streq(argv[i], "-N"))
				names = true;
			else
				break;
		}
		if (i == argc - 1)
			return print_pcap(argv[i], link, names);
	}
	if (argc >= 3 && streq(argv[1], "macs"))
		return write_macs(argv[2], argc - 3, argv + 3);
	if (argc == 3 && streq(argv[1], "corpus"))
		return write_corpus(argv[2]);
	fprintf(stderr, "usage: pkt-gen write FILE | print [-e] [-N] FILE | "
			"macs FILE MAC... | corpus DIR\n");
	return 2;
}
