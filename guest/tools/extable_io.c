#include "extable_io.h"

/* Byte by byte: the section may sit at any file offset. */
static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void extable_decode(const uint8_t *buf, struct exception_table_entry *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++, buf += EX_ENTRY_SIZE)
		t[i] = (struct exception_table_entry){ get_le32(buf), get_le32(buf + 4),
						       get_le32(buf + 8) };
}

void extable_encode(uint8_t *buf, const struct exception_table_entry *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++, buf += EX_ENTRY_SIZE) {
		put_le32(buf, t[i].insn);
		put_le32(buf + 4, t[i].fixup);
		put_le32(buf + 8, t[i].handler);
	}
}
