/* verify_area: the software check the exception table replaced. */
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/verify_area.h>

int __verify_area(struct mm_struct *mm, int type, uint32_t addr, uint32_t size, uint32_t *probes)
{
	uint32_t visited = 0, n;
	int err = 0;
	if (!size)
		goto out;
	if (!mm || size > TASK_SIZE || addr > TASK_SIZE - size) {
		err = -EFAULT;
		goto out;
	}
	uint32_t need = type == VERIFY_WRITE ? VM_WRITE : VM_READ;
	for (uint32_t cur = addr; cur < addr + size;) {
		struct vm_area_struct *v = find_vma(&mm->mmap, cur, &n);
		visited += n;
		if (!v || v->vm_start > cur || !(v->vm_flags & need)) {
			err = -EFAULT;
			break;
		}
		cur = v->vm_end;
	}
out:
	if (probes)
		*probes = visited;
	return err;
}

int verify_area(int type, const void *addr, uint32_t size)
{
	return __verify_area(current->mm, type, (uint32_t)addr, size, NULL);
}

uint32_t verify_area_max(int type, const void *addr, uint32_t size)
{
	uint32_t start = (uint32_t)addr, cur = start;
	struct mm_struct *mm = current->mm;
	if (!mm || start >= TASK_SIZE)
		return 0;
	if (size > TASK_SIZE - start)
		size = TASK_SIZE - start;
	uint32_t need = type == VERIFY_WRITE ? VM_WRITE : VM_READ;
	while (cur - start < size) {
		struct vm_area_struct *v = find_vma(&mm->mmap, cur, NULL);
		if (!v || v->vm_start > cur || !(v->vm_flags & need))
			break;
		cur = v->vm_end;
	}
	return cur - start < size ? cur - start : size;
}

uint32_t get_user_unchecked(const uint32_t *p)
{
	return *(const volatile uint32_t *)p;
}

void copy_unchecked(void *to, const void *from, uint32_t n)
{
	memcpy(to, from, n);
}

void clear_unchecked(void *to, uint32_t n)
{
	memset(to, 0, n);
}
