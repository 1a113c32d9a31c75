/* Host-native timings (measure host_ns) of the lookups the guest benchmarks. */
#ifndef TRACER_BENCH_NATIVE_H
#define TRACER_BENCH_NATIVE_H

#include <stdint.h>
#include "db.h"

/* Store host_ns rows for the extable searches and VMA lookups into run_id. */
int bench_native(struct db *db, int64_t run_id, int quick);

#endif
