# Unit tests: tests/unit/test_NAME.c becomes $(B)/tests/test_NAME, built with
# ASan+UBSan and linked with the objects named by TEST_SRCS_NAME (host builds of
# vmm/, tracer/ or guest/ sources). Integration tests are tests/integration/*.sh.
# Every test prints TAP; tests/run counts the lines and prints the summary.

UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))

TEST_SRCS_mem := vmm/mem.c
TEST_SRCS_pagewalk := tracer/pagewalk.c
TEST_SRCS_db := tracer/db.c tracer/db_rows.c tracer/db_file.c vmm/errorf.c $(B)/schema.o
TEST_SRCS_db_rows := $(TEST_SRCS_db)
TEST_SRCS_extable := guest/lib/extable.c guest/tools/extable_io.c
TEST_SRCS_elfload := vmm/elfload.c vmm/readfile.c vmm/mem.c $(ELF_SRCS)
TEST_SRCS_vma_tree := guest/mm/vma_tree.c
TEST_SRCS_stepgap := tracer/stepgap.c tracer/symtab.c $(ELF_SRCS)
TEST_SRCS_operand := tracer/operand.c
TEST_SRCS_shadow := tracer/shadow.c vmm/readfile.c $(ELF_SRCS)
TEST_SRCS_boot := vmm/boot.c vmm/exits.c vmm/elfload.c vmm/mem.c $(ELF_SRCS)
TEST_SRCS_gdb := vmm/gdb.c vmm/errorf.c
TEST_SRCS_gdb_regs := vmm/gdb_regs.c vmm/gdb.c vmm/errorf.c
TEST_SRCS_elfsym := $(ELF_SRCS)
TEST_SRCS_qemu := vmm/qemu.c
TEST_SRCS_argv := guest/kernel/argv.c
TEST_SRCS_termtext := viz/termtext.c viz/utf8.c
TEST_SRCS_json_text := viz/json_text.c $(TEST_SRCS_termtext)
TEST_SRCS_replay_model := $(TEST_SRCS_db) viz/replay_model.c viz/replay_parts.c viz/replay_rows.c
TEST_SRCS_tui_panels := viz/tui_panels.c viz/tui_tables.c viz/tui_screen.c viz/termtext.c viz/utf8.c \
	viz/replay.c viz/replay_model.c viz/replay_parts.c viz/replay_rows.c
TEST_SRCS_srcline := $(TEST_SRCS_db) tracer/srcline.c tracer/srctext.c

define unit_test_rule
$(B)/tests/test_$(1): tests/unit/test_$(1).c $$(TEST_SRCS_$(1):%.c=$(B)/asan/%.o) $(DEPS_OK)
	@mkdir -p $$(dir $$@)
	$$(HOST_CC) $$(HOST_CFLAGS) $$(SAN_FLAGS) -Itests/unit -o $$@ $$< $$(TEST_SRCS_$(1):%.c=$(B)/asan/%.o) -lcmocka $$(HOST_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test_rule,$(t))))

# Test kernels for the failure paths (triple fault, hostile hypercall) and
# COM1 through the serial site, and user programs run as init with --program
# (linked like guest/user's).
FIXTURE_KERNELS := triple badhc serial randguest
FIXTURE_PROGRAMS := hostile badptr usercalls oom
GUEST_TEST_IMAGES := $(FIXTURE_KERNELS:%=$(B)/fixtures/%.elf) $(FIXTURE_PROGRAMS:%=$(B)/fixtures/%.elf)

$(B)/fixtures/%.o: tests/fixtures/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_COMPILE)

$(B)/fixtures/%.o: tests/fixtures/%.S $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_ASSEMBLE)

$(FIXTURE_PROGRAMS:%=$(B)/fixtures/%.elf): $(B)/fixtures/%.elf: $(B)/fixtures/%.o $(USER_LIB) guest/user/user.ld
	$(LINK_USER) $<

$(B)/fixtures/%.elf: $(B)/fixtures/%.o tests/fixtures/fixture.ld
	$(GUEST_LD) -T tests/fixtures/fixture.ld -o $@ $<

# Mutant kernels: the real kernel with one deliberate bug each, planted by
# tests/fixtures/mutants/NAME.sed in a copy of one guest source (the sources
# themselves carry no hooks for it) and linked like the real one; mutants.sh
# checks that the tracer flags exactly the faults each bug touches.
MUTANTS := miss-first miss-last unsorted wrong-resume no-trapnr
MUTANT_SRC_miss-first := guest/lib/extable.c
MUTANT_SRC_miss-last := guest/lib/extable.c
MUTANT_SRC_unsorted := guest/kernel/extable.c
MUTANT_SRC_wrong-resume := guest/arch/usercopy.c
MUTANT_SRC_no-trapnr := guest/arch/extable.c
MUTANT_KERNELS := $(MUTANTS:%=$(B)/mutants/%/kernel.elf)
mutant_src = $(B)/mutants/$(1)/$(notdir $(MUTANT_SRC_$(1)))
mutant_obj = $(patsubst %.c,%.o,$(mutant_src))
# Every table is sorted as usual but unsorted's, left in link order; --check
# must then fail, or the mutant would plant nothing.
mutant_sort = $(if $(filter unsorted,$(1)),! $(B)/tools/sortextable --check 2>/dev/null,$(B)/tools/sortextable)

define mutant_rules
$(call mutant_src,$(1)): $(MUTANT_SRC_$(1)) tests/fixtures/mutants/$(1).sed
	@mkdir -p $$(dir $$@)
	sed -f tests/fixtures/mutants/$(1).sed $$< > $$@.tmp
	if cmp -s $$< $$@.tmp; then echo "$$@: the sed planted nothing" >&2; exit 1; fi
	mv $$@.tmp $$@

$(call mutant_obj,$(1)): $(call mutant_src,$(1)) $(DEPS_OK)
	$$(GUEST_COMPILE)
endef
$(foreach m,$(MUTANTS),$(eval $(call mutant_rules,$(m)))$(eval $(call kernel_link,$(B)/mutants/$(m),\
	$(subst $(MUTANT_SRC_$(m):guest/%.c=$(GB)/%.o),$(call mutant_obj,$(m)),$(KERNEL_OBJS)),$(call mutant_sort,$(m)))))

TEST_BINS := $(UNIT_TESTS:%=$(B)/tests/test_%)

test: $(TEST_DEPS_OK) $(TEST_BINS) $(FUZZ_BINS) $(B)/asan/faultline $(B)/faultline $(B)/faultline-cc $(GUEST_TEST_IMAGES) $(MUTANT_KERNELS)
	@B=$(B) FL_KERNEL_ELF=$(B)/guest/kernel.elf tests/run $(TEST_BINS) $(wildcard tests/integration/*.sh) \
		tests/fuzz/run.sh

# The SQLite ingest benchmark (fault rows per second); not part of `make test`:
#   make build/tools/ingest-bench && build/tools/ingest-bench [ROWS]
INGEST_OBJS := $(patsubst %.c,$(B)/host/%.o,tracer/db.c tracer/db_rows.c tracer/db_file.c vmm/errorf.c) \
	$(B)/schema.o
$(B)/tools/ingest-bench: tests/bench/ingest.c $(INGEST_OBJS) $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(INGEST_OBJS) -lsqlite3
