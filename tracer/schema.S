/* schema.sql, embedded so that faultline creates its database anywhere.
 * Assembled from the repository root, where the .incbin finds the file;
 * the trailing NUL makes it a C string (tracer/db.h: schema_sql). */
	.section .rodata
	.globl schema_sql
schema_sql:
	.incbin "schema.sql"
	.byte 0
	.section .note.GNU-stack, "", @progbits
