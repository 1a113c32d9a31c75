/*
 * search_extable, extable_first_unsorted, sort_extable and ex_handler_name,
 * exercised on the host build of guest/lib/extable.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/extable.h"
#include "extable_io.h"

typedef struct exception_table_entry entry_t;

/* Deterministic xorshift32, so a failure reproduces. */
static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static uint32_t probe_bound(uint32_t n)
{
	uint32_t k = 0;

	while (k < 32 && (1ull << k) < (uint64_t)n + 1)
		k++;
	return k;
}

/* Assert addr is (or is not) found as table[want] within the probe bound. */
static void expect_search(const entry_t *t, uint32_t n, uint32_t addr, const entry_t *want)
{
	uint32_t probes = 0xdeadbeef;
	const entry_t *got = search_extable(t, n, addr, &probes);

	assert_ptr_equal(got, want);
	assert_true(probes <= probe_bound(n));
	if (n)
		assert_true(probes >= 1);
	else
		assert_int_equal(probes, 0);
	assert_ptr_equal(search_extable(t, n, addr, NULL), want);
}

static void test_empty_table(void **state)
{
	(void)state;
	expect_search(NULL, 0, 0, NULL);
	expect_search(NULL, 0, 0x1000, NULL);
	expect_search(NULL, 0, 0xFFFFFFFFu, NULL);
	assert_int_equal(extable_first_unsorted(NULL, 0), -1);
	sort_extable(NULL, 0);
}

static void test_one_entry(void **state)
{
	entry_t t[1] = { { 0x1000, 0x9000, EX_HANDLER_FAULT } };

	(void)state;
	expect_search(t, 1, 0x1000, &t[0]);
	expect_search(t, 1, 0x0FFF, NULL);
	expect_search(t, 1, 0x1001, NULL);
	expect_search(t, 1, 0, NULL);
	expect_search(t, 1, 0xFFFFFFFFu, NULL);
	assert_int_equal(extable_first_unsorted(t, 1), -1);
	sort_extable(t, 1);
	assert_int_equal(t[0].insn, 0x1000);
	assert_int_equal(t[0].fixup, 0x9000);
	assert_int_equal(t[0].handler, EX_HANDLER_FAULT);
}

static void test_two_entries(void **state)
{
	entry_t t[2] = { { 0x2000, 0x9002, 0 }, { 0x1000, 0x9001, 1 } };

	(void)state;
	assert_int_equal(extable_first_unsorted(t, 2), 1);
	sort_extable(t, 2);
	assert_int_equal(extable_first_unsorted(t, 2), -1);
	assert_int_equal(t[0].insn, 0x1000);
	assert_int_equal(t[0].fixup, 0x9001);
	assert_int_equal(t[0].handler, 1);
	assert_int_equal(t[1].fixup, 0x9002);
	expect_search(t, 2, 0x1000, &t[0]);
	expect_search(t, 2, 0x2000, &t[1]);
	const uint32_t misses[] = { 0, 0xFFF, 0x1001, 0x1800, 0x1FFF, 0x2001, 0xFFFFFFFFu };
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		expect_search(t, 2, misses[i], NULL);
}

/* Entries at both ends of the address space must not trip any arithmetic. */
static void test_extreme_addresses(void **state)
{
	entry_t t[4] = { { 0xFFFFFFFFu, 1, 0 }, { 5, 2, 0 }, { 0, 3, 0 }, { 0xFFFFFFFEu, 4, 0 } };

	(void)state;
	sort_extable(t, 4);
	assert_int_equal(extable_first_unsorted(t, 4), -1);
	expect_search(t, 4, 0, &t[0]);
	expect_search(t, 4, 5, &t[1]);
	expect_search(t, 4, 0xFFFFFFFEu, &t[2]);
	expect_search(t, 4, 0xFFFFFFFFu, &t[3]);
	assert_int_equal(t[3].fixup, 1);
	expect_search(t, 4, 1, NULL);
	expect_search(t, 4, 4, NULL);
	expect_search(t, 4, 6, NULL);
	expect_search(t, 4, 0xFFFFFFFDu, NULL);
}

/* n entries with gaps of at least 2 between insns, so insn +/- 1 is never an
 * entry; fixup and handler identify the entry so a torn swap shows. */
static void random_table_roundtrip(uint32_t n, uint32_t seed)
{
	entry_t *want = calloc(n, sizeof(*want));
	entry_t *t = calloc(n, sizeof(*t));
	uint32_t addr = 0x100 + (seed & 0xff);

	assert_non_null(want);
	assert_non_null(t);
	rng_state = seed;
	for (uint32_t i = 0; i < n; i++) {
		addr += 2 + rng() % 16;
		want[i] = (entry_t){ addr, 0xD0000000u + i, i % EX_HANDLER_MAX };
	}
	memcpy(t, want, n * sizeof(*t));
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j = rng() % (i + 1);
		entry_t tmp = t[i];

		t[i] = t[j];
		t[j] = tmp;
	}
	assert_int_not_equal(extable_first_unsorted(t, n), -1);
	sort_extable(t, n);
	assert_int_equal(extable_first_unsorted(t, n), -1);
	assert_memory_equal(t, want, n * sizeof(*t));
	for (uint32_t i = 0; i < n; i++) {
		expect_search(t, n, t[i].insn, &t[i]);
		expect_search(t, n, t[i].insn - 1, NULL);
		expect_search(t, n, t[i].insn + 1, NULL);
	}
	expect_search(t, n, 0, NULL);
	expect_search(t, n, 0xFFFFFFFFu, NULL);
	free(t);
	free(want);
}

static void test_random_tables(void **state)
{
	(void)state;
	random_table_roundtrip(4095, 0x2468ace1u);
	random_table_roundtrip(5000, 0x13579bdfu);
	random_table_roundtrip(3, 7);
}

/* For every small n, every address probed stays within ceil(log2(n + 1)),
 * and searching below the table reaches the bound exactly. */
static void test_probe_bound(void **state)
{
	entry_t t[130];

	(void)state;
	for (uint32_t i = 0; i < 130; i++)
		t[i] = (entry_t){ 2 * i + 1, i, 0 };
	for (uint32_t n = 0; n <= 130; n++) {
		uint32_t probes, worst = 0;

		for (uint32_t a = 0; a <= 2 * n + 2; a++) {
			const entry_t *want = (a & 1) && a < 2 * n ? &t[a / 2] : NULL;

			expect_search(t, n, a, want);
			search_extable(t, n, a, &probes);
			if (probes > worst)
				worst = probes;
		}
		search_extable(t, n, 0, &probes);
		assert_int_equal(probes, probe_bound(n));
		assert_int_equal(worst, probe_bound(n));
	}
}

static void test_first_unsorted(void **state)
{
	entry_t t[6] = { { 10, 0, 0 }, { 20, 0, 0 }, { 30, 0, 0 },
			 { 40, 0, 0 }, { 50, 0, 0 }, { 60, 0, 0 } };

	(void)state;
	assert_int_equal(extable_first_unsorted(t, 6), -1);
	t[5].insn = 5;
	assert_int_equal(extable_first_unsorted(t, 6), 5);
	assert_int_equal(extable_first_unsorted(t, 5), -1);
	t[3].insn = 30;
	assert_int_equal(extable_first_unsorted(t, 6), 3);
	t[1].insn = 9;
	assert_int_equal(extable_first_unsorted(t, 6), 1);
	assert_int_equal(extable_first_unsorted(t, 1), -1);
}

static void test_sort_duplicates(void **state)
{
	entry_t same[5] = { { 7, 1, 0 }, { 7, 2, 0 }, { 7, 3, 0 }, { 7, 4, 0 }, { 7, 5, 0 } };
	entry_t t[300];
	uint32_t fixups = 0;

	(void)state;
	sort_extable(same, 5);
	assert_int_equal(extable_first_unsorted(same, 5), 1);
	for (int i = 0; i < 5; i++)
		fixups |= 1u << same[i].fixup;
	assert_int_equal(fixups, 0x3e);

	rng_state = 99;
	for (uint32_t i = 0; i < 300; i++)
		t[i] = (entry_t){ 1000 + 3 * (rng() % 200), i, 0 };
	sort_extable(t, 300);
	int32_t first = -1;
	for (uint32_t i = 1; i < 300; i++) {
		assert_true(t[i - 1].insn <= t[i].insn);
		if (first < 0 && t[i - 1].insn == t[i].insn)
			first = (int32_t)i;
	}
	assert_true(first > 0);
	assert_int_equal(extable_first_unsorted(t, 300), first);
}

static void test_sort_orders(void **state)
{
	entry_t t[64];

	(void)state;
	for (uint32_t i = 0; i < 64; i++)
		t[i] = (entry_t){ 1000 - i, i, i & 1 };
	sort_extable(t, 64);
	for (uint32_t i = 0; i < 64; i++) {
		assert_int_equal(t[i].insn, 937 + i);
		assert_int_equal(t[i].fixup, 63 - i);
		assert_int_equal(t[i].handler, (63 - i) & 1);
	}
	sort_extable(t, 64);
	for (uint32_t i = 0; i < 64; i++)
		assert_int_equal(t[i].insn, 937 + i);
}

static void test_handler_names(void **state)
{
	(void)state;
	assert_string_equal(ex_handler_name(EX_HANDLER_DEFAULT), "ex_handler_default");
	assert_string_equal(ex_handler_name(EX_HANDLER_FAULT), "ex_handler_fault");
	assert_string_equal(ex_handler_name(EX_HANDLER_MAX), "?");
	assert_string_equal(ex_handler_name(0xFFFFFFFFu), "?");
}

/* Section bytes are little-endian triples at any alignment. */
static void test_bytes_round_trip(void **state)
{
	(void)state;
	const struct exception_table_entry t[2] = { { 0xc0101234, 0xc0108000, 1 },
						    { 0x00000001, 0xfffffffe, 0 } };
	uint8_t buf[1 + 2 * EX_ENTRY_SIZE];
	struct exception_table_entry back[2];
	extable_encode(buf + 1, t, 2);	/* deliberately misaligned */
	static const uint8_t first[EX_ENTRY_SIZE] = { 0x34, 0x12, 0x10, 0xc0, 0x00, 0x80,
						      0x10, 0xc0, 0x01, 0x00, 0x00, 0x00 };
	assert_memory_equal(buf + 1, first, sizeof(first));
	extable_decode(buf + 1, back, 2);
	assert_memory_equal(back, t, sizeof(t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_one_entry),
		cmocka_unit_test(test_two_entries),
		cmocka_unit_test(test_extreme_addresses),
		cmocka_unit_test(test_random_tables),
		cmocka_unit_test(test_probe_bound),
		cmocka_unit_test(test_first_unsorted),
		cmocka_unit_test(test_sort_duplicates),
		cmocka_unit_test(test_sort_orders),
		cmocka_unit_test(test_handler_names),
		cmocka_unit_test(test_bytes_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
