/*
 * Pipes: a ring of PIPE_BUF bytes shared by a read end and a write end. No
 * task ever waits here (one runs at a time), so where Linux would block a
 * call returns -EAGAIN instead: a read of an empty pipe whose write end is
 * open, or a write to a full one. A write stores what fits and returns that.
 * A read copies straight from the ring with copy_to_user; if the user buffer
 * faults part way, the bytes copied are consumed and counted and the rest
 * stay in the pipe.
 */
#include <kernel/fs.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/uaccess.h>

struct pipe_inode_info {
	char buf[PIPE_BUF];
	uint32_t head;		/* where the oldest byte is */
	uint32_t len;		/* bytes waiting */
	int readers, writers;	/* open ends */
};

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static int32_t pipe_read(struct file *f, char *ubuf, uint32_t len)
{
	struct pipe_inode_info *p = f->pipe;
	uint32_t n = min_u32(len, p->len), done = 0, left = 0;
	if (!p->len)
		return p->writers ? -EAGAIN : 0;
	while (done < n && !left) {
		uint32_t seg = min_u32(n - done, PIPE_BUF - p->head);
		left = user_copy_to(ubuf + done, p->buf + p->head, seg);
		p->head = (p->head + seg - left) % PIPE_BUF;
		p->len -= seg - left;
		done += seg - left;
	}
	return done ? (int32_t)done : -EFAULT;
}

static int32_t pipe_write(struct file *f, const char *ubuf, uint32_t len)
{
	struct pipe_inode_info *p = f->pipe;
	uint32_t n = min_u32(len, PIPE_BUF - p->len), done = 0, left = 0;
	if (!p->readers)
		return -EPIPE;
	if (!n)
		return -EAGAIN;
	while (done < n && !left) {
		uint32_t tail = (p->head + p->len) % PIPE_BUF;
		uint32_t seg = min_u32(n - done, PIPE_BUF - tail);
		left = user_copy_from(p->buf + tail, ubuf + done, seg);
		p->len += seg - left;
		done += seg - left;
	}
	return done ? (int32_t)done : -EFAULT;
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->pipe;
	if (f->mode == FL_S_PIPE_R)
		p->readers--;
	else
		p->writers--;
	if (!p->readers && !p->writers)
		kfree(p);
}

static const struct file_operations pipe_read_fops = { .read = pipe_read,
							.release = pipe_release };
static const struct file_operations pipe_write_fops = { .write = pipe_write,
							 .release = pipe_release };

uint32_t pipe_size(const struct file *f)
{
	return f->pipe ? f->pipe->len : 0;
}

/* Both ends, each with one reference, sharing a new pipe; 0 or -ENOMEM. */
static int create_pipe_files(struct file **ends)
{
	struct pipe_inode_info *p = kmalloc(sizeof(*p));
	ends[0] = file_alloc(FL_S_PIPE_R, &pipe_read_fops);
	ends[1] = file_alloc(FL_S_PIPE_W, &pipe_write_fops);
	if (!p || !ends[0] || !ends[1]) {
		kfree(p);
		kfree(ends[0]);
		kfree(ends[1]);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	ends[0]->pipe = ends[1]->pipe = p;
	return 0;
}

/* Both descriptors with put_user; if the second store faults the first may
 * already be in user memory, as with Linux's copy_to_user of the pair. */
static int put_fds(int32_t *ufds, const int32_t *fds)
{
	if (uaccess_verifying())
		return verified_put(ufds, fds, 2 * sizeof(*ufds));
	if (!access_ok(ufds, 2 * sizeof(*ufds)))
		return -EFAULT;
	return __put_user(fds[0], ufds) || __put_user(fds[1], ufds + 1) ? -EFAULT : 0;
}

int32_t sys_pipe(uint32_t ufds, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
	(void)b, (void)c, (void)d, (void)e;
	struct file *ends[2];
	int32_t fds[2] = { -1, -1 };
	int err = create_pipe_files(ends);
	if (err)
		return err;
	for (int i = 0; i < 2; i++)
		if ((fds[i] = fd_install(ends[i])) < 0)
			err = fds[i];
	if (!err)
		err = put_fds((int32_t *)ufds, fds);
	for (int i = 0; i < 2 && err; i++) {
		if (fds[i] >= 0)
			fd_release(fds[i]);
		else
			fput(ends[i]);
	}
	return err;
}
