/* inet.c: parsing and printing addresses the way iproute2 does. */
#include "system.h"

#include <arpa/inet.h>
#include <ctype.h>

#include "inet.h"

/* iproute2 reads IPv4 as 1 to 4 dotted decimal parts, the missing ones
 * zero ("10/8" is 10.0.0.0/8); each part 0..255. */
static int parse_ipv4(const char *s, unsigned char *addr)
{
	int parts = 0;

	memset(addr, 0, 4);
	while (*s) {
		unsigned long v;
		char *end;

		if (parts == 4 || !isdigit((unsigned char)*s))
			return -EINVAL;
		errno = 0;
		v = strtoul(s, &end, 10);
		if (errno || v > 255 || end - s > 3)
			return -EINVAL;
		addr[parts++] = v;
		s = end;
		if (*s == '.') {
			s++;
			if (!*s)
				return -EINVAL;
		} else if (*s) {
			return -EINVAL;
		}
	}
	return parts ? 0 : -EINVAL;
}

int inet_addr_parse(const char *s, int family, struct inet_prefix *out)
{
	*out = (struct inet_prefix){0};
	if (family != AF_INET6 && strchr(s, ':') == NULL) {
		if (family != AF_UNSPEC && family != AF_INET)
			return -EINVAL;
		if (parse_ipv4(s, out->addr) < 0)
			return -EINVAL;
		out->family = AF_INET;
		out->bytelen = 4;
	} else {
		if (family != AF_UNSPEC && family != AF_INET6)
			return -EINVAL;
		if (inet_pton(AF_INET6, s, out->addr) != 1)
			return -EINVAL;
		out->family = AF_INET6;
		out->bytelen = 16;
	}
	out->prefixlen = out->bytelen * 8;
	return 0;
}

int inet_prefix_parse(const char *s, int family, struct inet_prefix *out)
{
	const char *slash = strchr(s, '/');
	char addr[INET6_ADDRSTRLEN + 1];
	unsigned long len;
	char *end;
	int err;

	if (!slash)
		return inet_addr_parse(s, family, out);
	if ((size_t)(slash - s) >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, slash - s);
	addr[slash - s] = '\0';
	err = inet_addr_parse(addr, family, out);
	if (err < 0)
		return err;
	if (!isdigit((unsigned char)slash[1]))
		return -EINVAL;
	errno = 0;
	len = strtoul(slash + 1, &end, 10);
	if (errno || *end || len > (unsigned long)out->bytelen * 8)
		return -EINVAL;
	out->prefixlen = len;
	out->has_prefixlen = true;
	return 0;
}

void inet_prefix_mask(struct inet_prefix *p)
{
	for (int bit = p->prefixlen; bit < p->bytelen * 8; bit++)
		p->addr[bit / 8] &= ~(0x80 >> (bit % 8));
}

const char *inet_format(int family, const void *addr, char *buf,
			size_t size)
{
	if (!inet_ntop(family, addr, buf, size))
		snprintf(buf, size, "?");
	return buf;
}

int mac_parse(const char *s, unsigned char *mac, size_t size,
	      const char **bad, int *bad_len)
{
	size_t n = 0;

	while (n < size) {
		const char *colon = strchr(s, ':');
		unsigned long v;
		char *end;

		/* like sscanf("%x"): a hex number at the start of the
		 * part, whatever follows it there */
		errno = 0;
		v = strtoul(s, &end, 16);
		if (end == s || errno || v > 255) {
			*bad = s;
			*bad_len = colon ? (int)(colon - s) : (int)strlen(s);
			return -EINVAL;
		}
		mac[n++] = v;
		if (!colon)
			break;
		s = colon + 1;
	}
	return n;
}

const char *mac_format(const unsigned char *mac, size_t len, char *buf,
		       size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < len && used < size; i++)
		used += snprintf(buf + used, size - used, "%s%02x",
				 i ? ":" : "", mac[i]);
	return buf;
}

bool inet_bits_match(const unsigned char *a, const unsigned char *b, int bits)
{
	int bytes = bits / 8, rest = bits % 8;

	if (memcmp(a, b, bytes))
		return false;
	return !rest || !((a[bytes] ^ b[bytes]) & (0xff00 >> rest));
}
