# The guest: the i386 kernel, its user programs, and the build-time tools.

GB := $(B)/guest

KERNEL_C := $(wildcard guest/kernel/*.c guest/arch/*.c guest/mm/*.c guest/fs/*.c guest/ktest/*.c guest/lib/*.c)
# entry.S and trap_return.S first and together: the tracer takes everything
# from trap_stubs up to sysenter_entry for the trap glue (fl_trace.h).
KERNEL_S := guest/boot/head64.S guest/arch/entry.S guest/arch/trap_return.S guest/arch/sysenter.S \
	guest/arch/switch_to.S guest/arch/hypercall.S
KERNEL_OBJS := $(KERNEL_S:guest/%.S=$(GB)/%.o) $(KERNEL_C:guest/%.c=$(GB)/%.o)

USER_LIB := $(GB)/user/crt0.o $(GB)/user/syscall.o $(GB)/user/ulib.o $(GB)/lib/string.o $(GB)/lib/vsprintf.o
USER_PROGS := init divzero segv loop
USER_ELFS := $(USER_PROGS:%=$(GB)/user/%.elf)
INIT_OBJS := $(GB)/user/scenario.o $(GB)/user/sc_kernel.o $(GB)/user/sc_memory.o

MODULES := fltest
MODULE_ELFS := $(MODULES:%=$(GB)/modules/%.elf)

GUEST_IMAGES := $(GB)/kernel.elf $(USER_ELFS) $(MODULE_ELFS)

# Recipes shared with tests/tests.mk (its fixtures are guest code too).
GUEST_COMPILE = $(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@
GUEST_ASSEMBLE = $(GUEST_CC) -m32 -g -Iguest/include -Iguest/include/uapi -D__ASSEMBLER__ -MMD -MP -c $< -o $@
LINK_USER = $(GUEST_LD) -T guest/user/user.ld -o $@ $(USER_LIB)

$(GB)/%.o: guest/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_COMPILE)

$(GB)/%.o: guest/%.S $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_ASSEMBLE)

$(GB)/%.o: $(GB)/%.S
	$(GUEST_CC) -m32 -c $< -o $@

# Two links: the first gives the addresses for the symbol table the second
# carries; then the exception table is sorted in place (sortextable refuses a
# table whose entries point outside executable code or .fixup).
$(GB)/kallsyms0.S: guest/kallsyms.sh
	@mkdir -p $(dir $@)
	guest/kallsyms.sh > $@

# kernel_link DIR,OBJS,SORT: the rules that link OBJS into DIR/kernel.elf by
# the two links above, SORT being the command run on the second link's output
# (tests/tests.mk links its mutant kernels with it, some without sorting).
define kernel_link
$(1)/kernel.pass1.elf: $(2) $(GB)/kallsyms0.o guest/kernel.ld
	$$(GUEST_LD) -T guest/kernel.ld -o $$@ $(2) $(GB)/kallsyms0.o

$(1)/kallsyms.S: $(1)/kernel.pass1.elf guest/kallsyms.sh
	guest/kallsyms.sh $$< > $$@

$(1)/kallsyms.o: $(1)/kallsyms.S
	$$(GUEST_CC) -m32 -c $$< -o $$@

$(1)/kernel.elf: $(2) $(1)/kallsyms.o guest/kernel.ld $(B)/tools/sortextable
	$$(GUEST_LD) -T guest/kernel.ld -o $$@.tmp $(2) $(1)/kallsyms.o
	$(3) $$@.tmp
	guest/kallsyms.sh $$@.tmp | cmp -s - $(1)/kallsyms.S || { echo "kallsyms: symbols moved between links" >&2; exit 1; }
	guest/checksyms.sh $$@.tmp
	mv $$@.tmp $$@
endef
$(eval $(call kernel_link,$(GB),$(KERNEL_OBJS),$(B)/tools/sortextable))

$(GB)/user/%.elf: $(GB)/user/%.o $(USER_LIB) guest/user/user.ld
	$(LINK_USER) $< $(if $(filter init,$*),$(INIT_OBJS))

$(GB)/user/init.elf: $(INIT_OBJS)

# faultline-cc compiles and links a user program the way guest/user's are,
# but without -Werror (the user's warnings are theirs to weigh), and names
# everything by absolute path so it runs from any directory.
FLCC_CFLAGS := $(filter-out -Werror -Iguest/%,$(GUEST_CFLAGS)) $(addprefix -I,$(abspath guest/include guest/include/uapi))

$(B)/faultline-cc: guest/user/faultline-cc.in $(USER_LIB) guest/user/user.ld guest/guest.mk Makefile
	sed -e 's|@CC@|$(GUEST_CC)|' -e 's|@CFLAGS@|$(FLCC_CFLAGS)|' -e 's|@LD@|$(GUEST_LD)|' \
		-e 's|@LDSCRIPT@|$(abspath guest/user/user.ld)|' -e 's|@USER_LIB@|$(abspath $(USER_LIB))|' $< > $@.tmp
	chmod +x $@.tmp
	mv $@.tmp $@

SORTEXTABLE_SRCS := guest/tools/sortextable.c guest/tools/extable_io.c guest/lib/extable.c

$(B)/tools/sortextable: $(SORTEXTABLE_SRCS) guest/tools/extable_io.h guest/include/kernel/extable.h \
		guest/include/uapi/fl_extable.h $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(SORTEXTABLE_SRCS) -lelf

# Modules link against the kernel's symbols and get their own sorted table.
$(GB)/modules/%.elf: $(GB)/modules/%.o guest/modules/module.ld $(GB)/kernel.elf $(B)/tools/sortextable
	$(GUEST_LD) -T guest/modules/module.ld --just-symbols=$(GB)/kernel.elf -o $@.tmp $<
	$(B)/tools/sortextable $@.tmp
	mv $@.tmp $@
