/* `faultline faults --format qemu`: each fault as QEMU's `-d int` log writes
 * an exception, so the same reader (tests/integration/oracle.sh) takes both
 * and a diff shows only real differences. Per fault, two lines:
 *   check_exception old: 0xffffffff new 0xVEC
 *        N: v=VV e=EEEE i=0 cpl=C IP=0000:EIP pc=EIP SP=0000:0 CR2=CR2
 * The first is QEMU's announcement that the CPU raised the exception (old
 * 0xffffffff: none was being delivered); without it a reader cannot tell an
 * exception from an interrupt on the same vector. QEMU prints 64-bit fields,
 * so do we. N counts our faults from 0 (QEMU's counts every delivery,
 * interrupts too). What the database does not record is printed as zeros:
 * the CS and SS selectors and ESP; for #DE, EAX (QEMU prints EAX= instead of
 * CR2= for vectors other than 14). */
#include <inttypes.h>

#include "out.h"

int out_qemu(FILE *out, sqlite3_stmt *st)
{
	int rc;
	for (long long n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		/* vector, error_code, cpl, eip, cr2: the schema's CHECKs bound them */
		unsigned vec = (unsigned)sqlite3_column_int64(st, 0) & 0xff;
		uint64_t e = (uint64_t)sqlite3_column_int64(st, 1) & 0xffffffffu;
		unsigned cpl = (unsigned)sqlite3_column_int64(st, 2) & 3;
		uint64_t eip = (uint64_t)sqlite3_column_int64(st, 3) & 0xffffffffu;
		uint64_t cr2 = (uint64_t)sqlite3_column_int64(st, 4) & 0xffffffffu;
		fprintf(out, "check_exception old: 0xffffffff new 0x%x\n", vec);
		fprintf(out, "%6lld: v=%02x e=%04" PRIx64 " i=0 cpl=%u IP=0000:%016" PRIx64
			" pc=%016" PRIx64 " SP=0000:%016x %s=%016" PRIx64 "\n", n, vec, e, cpl, eip,
			eip, 0u, vec == 14 ? "CR2" : "EAX", vec == 14 ? cr2 : 0);
	}
	return rc;
}
