# libFuzzer harnesses: tests/fuzz/fuzz_NAME.c becomes $(B)/fuzz/fuzz_NAME, built
# by clang with the sources named by FUZZ_SRCS_NAME, each seeded from
# tests/fuzz/corpus/NAME/. `make test` runs every harness over its corpus and
# for a fixed number of runs with a fixed seed (tests/fuzz/run.sh); `make fuzz
# FUZZ_SECONDS=N` fuzzes each for N seconds, keeping what it finds in
# $(B)/fuzz/corpus/NAME/ (the seed corpus in the tree is never written).

FUZZ_CC := clang
FUZZ_CFLAGS := $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -Itests/fuzz
FUZZERS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

FUZZ_SRCS_elf_kernel := vmm/elfload.c vmm/mem.c $(ELF_SRCS)
FUZZ_SRCS_elf_program := vmm/elfload.c vmm/mem.c $(ELF_SRCS)
FUZZ_SRCS_boot_modules := vmm/boot.c vmm/exits.c vmm/elfload.c vmm/mem.c $(ELF_SRCS)
FUZZ_SRCS_shadow := tracer/shadow.c $(ELF_SRCS)
FUZZ_SRCS_extable_io := guest/tools/extable_io.c
FUZZ_SRCS_hypercall := vmm/hypercall.c vmm/console.c vmm/debug.c vmm/mem.c
FUZZ_SRCS_pagewalk := vmm/mem.c

define fuzz_rule
$(B)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $$(FUZZ_SRCS_$(1)) $$(wildcard tests/fuzz/*.h) $(TEST_DEPS_OK)
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$< $$(FUZZ_SRCS_$(1)) -lelf
endef
$(foreach f,$(FUZZERS),$(eval $(call fuzz_rule,$(f))))

FUZZ_BINS := $(FUZZERS:%=$(B)/fuzz/fuzz_%)
FUZZ_SECONDS ?= 60

.PHONY: fuzz
# Fails at the first harness that finds something; its log and the input are
# left in $(B)/fuzz/.
fuzz: $(FUZZ_BINS)
	@for f in $(FUZZERS); do \
		mkdir -p $(B)/fuzz/corpus/$$f; \
		$(B)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(B)/fuzz/$$f- $(B)/fuzz/corpus/$$f tests/fuzz/corpus/$$f \
			>$(B)/fuzz/$$f.log 2>&1; rc=$$?; \
		echo "fuzz $$f: $$(sed -n 's/^stat::number_of_executed_units: *//p' $(B)/fuzz/$$f.log) runs, status $$rc"; \
		[ $$rc = 0 ] || { tail -n 40 $(B)/fuzz/$$f.log; exit 1; }; \
	done
