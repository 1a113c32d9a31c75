# Unit tests: tests/unit/test_NAME.c becomes $(B)/tests/test_NAME, built with
# ASan+UBSan and linked with the objects named by TEST_SRCS_NAME (host builds of
# vmm/, tracer/ or guest/ sources). Integration tests are tests/integration/*.sh.
# Every test prints TAP; tests/run counts the lines and prints the summary.

UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))

TEST_SRCS_mem := vmm/mem.c
TEST_SRCS_extable := guest/kernel/extable.c
TEST_SRCS_elfload := vmm/elfload.c vmm/mem.c
TEST_SRCS_vma_tree := guest/mm/vma_tree.c

define unit_test_rule
$(B)/tests/test_$(1): tests/unit/test_$(1).c $$(TEST_SRCS_$(1):%.c=$(B)/asan/%.o) $(DEPS_OK)
	@mkdir -p $$(dir $$@)
	$$(HOST_CC) $$(HOST_CFLAGS) $$(SAN_FLAGS) -Itests/unit -o $$@ $$< $$(TEST_SRCS_$(1):%.c=$(B)/asan/%.o) -lcmocka $$(HOST_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test_rule,$(t))))

TEST_BINS := $(UNIT_TESTS:%=$(B)/tests/test_%)

test: $(TEST_BINS) $(B)/asan/faultline $(B)/faultline $(GUEST_TEST_IMAGES)
	@B=$(B) tests/run $(TEST_BINS) $(wildcard tests/integration/*.sh)
