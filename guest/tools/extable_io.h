/* Exception-table entries to and from the bytes of an ELF section, for host
 * programs (sortextable, the tracer): little-endian, at any alignment. */
#ifndef EXTABLE_IO_H
#define EXTABLE_IO_H

#include <stdint.h>
#include <fl_extable.h>

void extable_decode(const uint8_t *buf, struct exception_table_entry *t, uint32_t n);
void extable_encode(uint8_t *buf, const struct exception_table_entry *t, uint32_t n);

#endif
