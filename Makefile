# faultline: `make run` boots the default scenario, `make test` runs every test.
# Host code is C11; the guest is freestanding i386 (plus a little .code64 glue).

B        := build
HOST_CC  ?= gcc
CWARN    := -Wall -Wextra -Werror
HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(CWARN) -Iguest/include -Iguest/include/uapi -Ivmm -Itracer -Iviz \
	-Iguest/tools
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
HOST_LIBS := -ldw -lelf -lsqlite3 -lcapstone -lcrypto -lm

GUEST_CC := gcc
GUEST_CFLAGS := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables -fno-builtin -mno-sse -mno-mmx -mno-80387 -O2 -g $(CWARN) \
	-Iguest/include -Iguest/include/uapi
GUEST_LD := ld -m elf_i386 --no-warn-rwx-segments -z noexecstack -nostdlib

DEPS_OK := $(B)/.deps-ok
TEST_DEPS_OK := $(B)/.test-deps-ok

.PHONY: all run test clean deps readme
# Keep intermediate objects, so a second make does not relink everything.
.SECONDARY:
all: $(B)/faultline $(B)/faultline-cc

# The ELF reading layer (vmm/elf_image.h), for the tests that link it alone.
ELF_SRCS := vmm/elf_image.c vmm/elfsym.c vmm/errorf.c

include guest/guest.mk
include tests/fuzz/fuzz.mk
include tests/tests.mk

# ---- host program -----------------------------------------------------------
VMM_SRCS    := $(wildcard vmm/*.c)
TRACER_SRCS := $(wildcard tracer/*.c)
VIZ_SRCS    := $(wildcard viz/*.c)
# The guest's exception-table search and VMA tree, compiled natively for one
# purpose only: bench's host timings of the very code the guest runs. The
# tracer's prediction (shadow.c) shares nothing with the guest's search.
HOST_SRCS   := $(VMM_SRCS) $(TRACER_SRCS) $(VIZ_SRCS) guest/lib/extable.c guest/mm/vma_tree.c

$(DEPS_OK): .ci/deps
	@mkdir -p $(B)
	@.ci/deps
	@touch $@

$(TEST_DEPS_OK): .ci/deps
	@mkdir -p $(B)
	@.ci/deps test
	@touch $@

deps: $(DEPS_OK)

# The source tree whose files --steps may copy into a database (stepsrc.c).
$(B)/host/tracer/stepsrc.o $(B)/asan/tracer/stepsrc.o: HOST_CFLAGS += -DFL_SOURCE_DIR='"$(CURDIR)"'

$(B)/host/%.o: %.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(B)/asan/%.o: %.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -MMD -MP -c $< -o $@

# The guest images are embedded in the binary, so `faultline` runs from anywhere.
$(B)/images.o: tracer/images.S $(GUEST_IMAGES)
	$(HOST_CC) -c -Wa,-I$(B)/guest $< -o $@

# schema.sql likewise; the .incbin path is relative to the repository root.
$(B)/schema.o: tracer/schema.S schema.sql
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@

# The replay page's stylesheet, skeleton and script, likewise (viz/replay_page.S).
REPLAY_PAGE := viz/replay_page.css viz/replay_page.html viz/replay_page.js
$(B)/replay_page.o: viz/replay_page.S $(REPLAY_PAGE)
	@mkdir -p $(dir $@)
	$(HOST_CC) -c $< -o $@

$(B)/faultline: $(HOST_SRCS:%.c=$(B)/host/%.o) $(B)/images.o $(B)/schema.o $(B)/replay_page.o
	$(HOST_CC) -o $@ $^ $(HOST_LIBS)

$(B)/asan/faultline: $(HOST_SRCS:%.c=$(B)/asan/%.o) $(B)/images.o $(B)/schema.o $(B)/replay_page.o
	$(HOST_CC) $(SAN_FLAGS) -o $@ $^ $(HOST_LIBS)

run: $(B)/faultline
	$(B)/faultline run

# The README's generated parts (the scenario table).
readme: $(B)/faultline
	docs/scenarios.sh $(B)/faultline README.md

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
