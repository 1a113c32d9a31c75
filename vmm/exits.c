/* Names of KVM exit reasons and of the engine-independent events. */
#include "kvm.h"

#define NAME(x) [KVM_EXIT_##x] = #x

static const char *const exit_names[] = {
	NAME(UNKNOWN), NAME(EXCEPTION), NAME(IO), NAME(HYPERCALL), NAME(DEBUG),
	NAME(HLT), NAME(MMIO), NAME(IRQ_WINDOW_OPEN), NAME(SHUTDOWN), NAME(FAIL_ENTRY),
	NAME(INTR), NAME(SET_TPR), NAME(TPR_ACCESS), NAME(S390_SIEIC), NAME(S390_RESET),
	NAME(DCR), NAME(NMI), NAME(INTERNAL_ERROR), NAME(OSI), NAME(PAPR_HCALL),
	NAME(S390_UCONTROL), NAME(WATCHDOG), NAME(S390_TSCH), NAME(EPR), NAME(SYSTEM_EVENT),
	NAME(S390_STSI), NAME(IOAPIC_EOI), NAME(HYPERV),
};

const char *kvm_exit_name(uint32_t reason)
{
	if (reason < sizeof(exit_names) / sizeof(exit_names[0]) && exit_names[reason])
		return exit_names[reason];
	return "UNKNOWN";
}

static const char *const event_names[] = {
	[VM_EV_IO] = "IO", [VM_EV_DEBUG] = "DEBUG", [VM_EV_HLT] = "HLT",
	[VM_EV_SHUTDOWN] = "SHUTDOWN", [VM_EV_INTERNAL] = "INTERNAL_ERROR",
	[VM_EV_OTHER] = "OTHER", [VM_EV_INTERRUPTED] = "INTERRUPTED",
};

const char *vm_event_name(enum vm_event_kind kind)
{
	if ((unsigned)kind < sizeof(event_names) / sizeof(event_names[0]) && event_names[kind])
		return event_names[kind];
	return "UNKNOWN";
}
