package dev.callgate.os.plan9sim;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A simulated Plan 9 process with just the system calls callgate's diagnostic path needs:
 * {@code pwrite} (at offset -1, the descriptor's current offset), {@code errstr} and
 * {@code exits}, plus {@code dup} and {@code close} to make a second descriptor and a closed one.
 * Descriptors 0, 1 and 2 start open on {@code /dev/cons}. As on Plan 9, a failing call returns -1
 * and sets the calling proc's error string; no call throws.
 *
 * <p>Each Java thread stands for one Plan 9 proc sharing the descriptor table: it has its own
 * {@linkplain #getpid() pid} and error string, made on its first failing call or {@code getpid};
 * a call that succeeds allocates nothing.
 */
final class Plan9Process {

    /** The error strings the simulator sets, spelled as Plan 9's kernel spells them. */
    static final String EBADFD = "fd out of range or not open";
    static final String EIO = "i/o error";
    static final String EPROCDIED = "process exited";
    static final String EBADARG = "bad arg in system call";
    /** Set by no call here (the simulator sends no notes); the write loop retries on it. */
    static final String EINTR = "interrupted";

    /** The table size: room for the standard three, the contract's second target and more. */
    static final int MAX_FDS = 16;

    /** An open file, as Plan 9's {@code Chan}: here always the console, with its own offset. */
    private static final class Chan {
        private long offset; // guarded by this

        /** Takes {@code n} bytes of the offset, as Plan 9's {@code write} does before calling the device. */
        synchronized long reserve(int n) {
            long at = offset;
            offset += n;
            return at;
        }

        synchronized void giveBack(int n) {
            offset -= n;
        }

        synchronized long offset() {
            return offset;
        }
    }

    /** One proc's own state. */
    private static final class Proc {
        final int pid;
        String errstr = "";

        Proc(int pid) {
            this.pid = pid;
        }
    }

    private static final AtomicInteger LAST_PID = new AtomicInteger();

    private final Plan9Console console;
    private final AtomicReferenceArray<Chan> fds = new AtomicReferenceArray<>(MAX_FDS);
    private final ThreadLocal<Proc> procs = ThreadLocal.withInitial(() -> new Proc(LAST_PID.incrementAndGet()));
    private volatile String exitStatus; // null while running

    Plan9Process(Plan9Console console) {
        this.console = console;
        for (int fd = 0; fd < 3; fd++) {
            fds.set(fd, new Chan());
        }
    }

    /**
     * {@code long pwrite(int fd, void *buf, long nbytes, vlong offset)}: writes {@code buf[0..n)}.
     * At offset -1 it takes the descriptor's current offset and advances it before the device
     * runs, so writers sharing a descriptor never overlap; the console ignores offsets and gets
     * each write whole.
     *
     * @return the bytes written, or -1 with the error string set
     */
    long pwrite(int fd, byte[] buf, int n, long offset) {
        if (exitStatus != null) {
            return fail(EPROCDIED);
        }
        Chan chan = fd >= 0 && fd < MAX_FDS ? fds.get(fd) : null;
        if (chan == null) {
            return fail(EBADFD);
        }
        if (buf == null || n < 0 || n > buf.length || offset < -1) {
            return fail(EBADARG);
        }
        if (offset == -1) {
            chan.reserve(n);
        }
        try {
            console.write(buf, n);
            return n;
        } catch (IOException | RuntimeException e) {
            if (offset == -1) {
                chan.giveBack(n);
            }
            return fail(EIO);
        }
    }

    /** The current offset of {@code fd}'s open file, or -1 when it is not open. */
    long offset(int fd) {
        Chan chan = fd >= 0 && fd < MAX_FDS ? fds.get(fd) : null;
        return chan == null ? -1 : chan.offset();
    }

    /**
     * {@code int dup(int oldfd, int newfd)} with {@code newfd} -1: the lowest free descriptor,
     * sharing {@code oldfd}'s open file and offset.
     *
     * @return the new descriptor, or -1 with the error string set
     */
    synchronized int dup(int oldfd) {
        Chan chan = oldfd >= 0 && oldfd < MAX_FDS ? fds.get(oldfd) : null;
        if (chan == null || exitStatus != null) {
            return fail(exitStatus != null ? EPROCDIED : EBADFD);
        }
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (fds.compareAndSet(fd, null, chan)) {
                return fd;
            }
        }
        return fail("no free file descriptors");
    }

    /** {@code int close(int fd)}: 0, or -1 with the error string set. */
    synchronized int close(int fd) {
        return fd >= 0 && fd < MAX_FDS && fds.getAndSet(fd, null) != null ? 0 : fail(EBADFD);
    }

    /** {@code errstr}: the calling proc's error string, empty while none of its calls failed. */
    String errstr() {
        return procs.get().errstr;
    }

    /** {@code werrstr}: sets the calling proc's error string, as a library reports its own errors. */
    void werrstr(String message) {
        procs.get().errstr = message == null ? "" : message;
    }

    /** {@code getpid}: the calling proc's pid; each Java thread is its own proc, never 0. */
    int getpid() {
        return procs.get().pid;
    }

    /**
     * {@code void exits(char *msg)}: ends the process with status {@code msg} (null or empty is
     * success) and closes its descriptors; later calls fail with "process exited". Unlike Plan 9's,
     * it returns (a simulator cannot stop the calling thread). Only the first call counts.
     */
    synchronized void exits(String msg) {
        if (exitStatus == null) {
            exitStatus = msg == null ? "" : msg;
            for (int fd = 0; fd < MAX_FDS; fd++) {
                fds.set(fd, null);
            }
        }
    }

    /** The status given to {@link #exits}, or null while the process runs. */
    String exitStatus() {
        return exitStatus;
    }

    private int fail(String error) {
        procs.get().errstr = error;
        return -1;
    }
}
