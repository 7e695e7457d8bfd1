package dev.callgate.os.plan9sim;

import java.io.IOException;

/**
 * A simulated Plan 9 process: a descriptor table over the kernel's name space, and its system
 * calls as methods. As on Plan 9, a failing call returns -1 and sets the error string that
 * {@link #errstr()} returns; no call throws.
 *
 * <p>Threads. Every Java thread that calls into a process stands for one Plan 9 proc that
 * shares the process's descriptor table (as {@code rfork(RFPROC|RFMEM)} without {@code RFFDG}
 * makes one): each has its own {@linkplain #getpid() pid} and its own error string. That
 * per-thread state is made on the thread's first failing call or {@code getpid}; a call that
 * succeeds allocates nothing.
 */
public final class Plan9Process {

    /** The state of one proc (one Java thread): its pid and its error string. */
    private static final class Proc {
        final int pid;
        String errstr = "";

        Proc(int pid) {
            this.pid = pid;
        }
    }

    private final Plan9Kernel kernel;
    private final String name;
    private final FdTable fds = new FdTable();
    private final ThreadLocal<Proc> procs;
    private final Object exitLock = new Object();
    private volatile boolean exited;
    private volatile String exitStatus;

    Plan9Process(Plan9Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
        this.procs = ThreadLocal.withInitial(() -> new Proc(kernel.nextPid()));
        ConsoleDevice cons = kernel.namespace().console();
        fds.allocate(new Chan(cons, OpenMode.OREAD));
        fds.allocate(new Chan(cons, OpenMode.OWRITE));
        fds.allocate(new Chan(cons, OpenMode.OWRITE));
    }

    /** The name the process was spawned with. */
    public String name() {
        return name;
    }

    /**
     * {@code int open(char *file, int omode)}: opens {@code file} for reading ({@link
     * OpenMode#OREAD}), writing ({@link OpenMode#OWRITE}) or both ({@link OpenMode#ORDWR}),
     * optionally with {@link OpenMode#OTRUNC}, on the lowest free descriptor.
     *
     * <p>{@code /dev/cons} is the console. {@code /fd/N} is the dup device: the new descriptor
     * shares descriptor N's open file and offset, and the mode must fit N's ("inappropriate use
     * of fd" otherwise); an N that is not open "does not exist", as {@code #d} lists only open
     * descriptors.
     *
     * @return the new descriptor, or -1 with the error string set
     */
    public int open(String file, int omode) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        if (!OpenMode.valid(omode, OpenMode.OTRUNC | OpenMode.OCEXEC)) {
            return fail(Plan9Error.BAD_ARG);
        }
        if (file == null || !file.startsWith("/")) {
            return fail(Plan9Error.FILE_NAME_SYNTAX);
        }
        int access = OpenMode.access(omode);
        if ((omode & OpenMode.OTRUNC) != 0 && !OpenMode.canWrite(access)) {
            return fail(Plan9Error.BAD_ARG);
        }
        Chan chan;
        if (file.startsWith(Namespace.FD_DIR)) {
            chan = fds.get(parseFd(file.substring(Namespace.FD_DIR.length())));
            if (chan == null) {
                return fail(Plan9Error.NONEXISTENT);
            }
            if (chan.access != OpenMode.ORDWR && chan.access != access) {
                return fail(Plan9Error.BAD_USE_OF_FD);
            }
        } else {
            FileNode node = kernel.namespace().lookup(file);
            if (node == null) {
                return fail(Plan9Error.NONEXISTENT);
            }
            chan = new Chan(node, access);
        }
        if ((omode & OpenMode.OTRUNC) != 0) {
            chan.node.truncate();
        }
        return install(chan);
    }

    /**
     * {@code int create(char *file, int omode, ulong perm)}, without {@code perm} (the simulator
     * has no users or permissions): makes a regular file at {@code file}, or truncates the one
     * there, and opens it with {@code omode}. With {@link OpenMode#OEXCL} an existing file is an
     * error. Device names ({@code /dev/...}, {@code /fd/...}) cannot be created.
     *
     * @return the new descriptor, or -1 with the error string set
     */
    public int create(String file, int omode) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        if (!OpenMode.valid(omode, OpenMode.OTRUNC | OpenMode.OCEXEC | OpenMode.OEXCL)) {
            return fail(Plan9Error.BAD_ARG);
        }
        if (file == null || !file.startsWith("/")) {
            return fail(Plan9Error.FILE_NAME_SYNTAX);
        }
        if (Namespace.isDeviceName(file)) {
            return fail(Plan9Error.PERMISSION_DENIED);
        }
        MemoryFile made;
        if ((omode & OpenMode.OEXCL) != 0) {
            made = kernel.namespace().newFileOnly(file);
            if (made == null) {
                return fail(Plan9Error.EXISTS);
            }
        } else {
            made = kernel.namespace().fileOrNew(file);
            made.truncate();
        }
        return install(new Chan(made, OpenMode.access(omode)));
    }

    /**
     * {@code int close(int fd)}: releases descriptor {@code fd} for reuse. The open file lives on
     * while another descriptor shares it.
     *
     * @return 0, or -1 with the error string set
     */
    public int close(int fd) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        return fds.remove(fd) == null ? fail(Plan9Error.BAD_FD) : 0;
    }

    /**
     * {@code int dup(int oldfd, int newfd)}: makes {@code newfd} refer to the open file of
     * {@code oldfd}, sharing its offset; {@code newfd} -1 picks the lowest free descriptor, any
     * other value is closed first if open.
     *
     * @return the new descriptor, or -1 with the error string set
     */
    public int dup(int oldfd, int newfd) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        Chan chan = fds.get(oldfd);
        if (chan == null || (newfd != -1 && !FdTable.inRange(newfd))) {
            return fail(Plan9Error.BAD_FD);
        }
        if (newfd == -1) {
            return install(chan);
        }
        fds.install(newfd, chan);
        return newfd;
    }

    /**
     * {@code long pread(int fd, void *buf, long nbytes, vlong offset)}: reads up to {@code n}
     * bytes into {@code buf[0..n)}. At {@code offset} -1 it reads at the open file's current
     * offset and advances it (plain {@code read}); at any other offset it leaves it alone.
     *
     * @return the bytes read, 0 at end of file, or -1 with the error string set
     */
    public long pread(int fd, byte[] buf, int n, long offset) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        Chan chan = fds.get(fd);
        if (chan == null) {
            return fail(Plan9Error.BAD_FD);
        }
        if (!OpenMode.canRead(chan.access)) {
            return fail(Plan9Error.BAD_USE_OF_FD);
        }
        if (buf == null || n < 0 || n > buf.length) {
            return fail(Plan9Error.BAD_ARG);
        }
        if (offset < -1) {
            return fail(Plan9Error.NEGATIVE_OFFSET);
        }
        try {
            return offset == -1 ? chan.readAtOffset(buf, n) : chan.node.read(buf, n, offset);
        } catch (IOException e) {
            return fail(Plan9Error.IO_ERROR);
        }
    }

    /**
     * {@code long pwrite(int fd, void *buf, long nbytes, vlong offset)}: writes {@code buf[0..n)}.
     * At {@code offset} -1 it writes at the open file's current offset and advances it (plain
     * {@code write}); the range is taken before the device runs, as Plan 9's kernel does, so
     * writers sharing a descriptor never overlap. Any other offset leaves the current one alone.
     * A write to {@code /dev/cons} is delivered whole to the console in one piece.
     *
     * @return the bytes written, or -1 with the error string set
     */
    public long pwrite(int fd, byte[] buf, int n, long offset) {
        if (exited) {
            return fail(Plan9Error.PROCESS_EXITED);
        }
        Chan chan = fds.get(fd);
        if (chan == null) {
            return fail(Plan9Error.BAD_FD);
        }
        if (!OpenMode.canWrite(chan.access)) {
            return fail(Plan9Error.BAD_USE_OF_FD);
        }
        if (buf == null || n < 0 || n > buf.length) {
            return fail(Plan9Error.BAD_ARG);
        }
        if (offset < -1) {
            return fail(Plan9Error.NEGATIVE_OFFSET);
        }
        long at = offset == -1 ? chan.reserve(n) : offset;
        int written = 0;
        try {
            written = chan.node.write(buf, n, at);
            return written;
        } catch (IOException e) {
            return fail(Plan9Error.IO_ERROR);
        } finally {
            if (offset == -1 && written < n) {
                chan.giveBack(n - written);
            }
        }
    }

    /**
     * {@code errstr}: the calling proc's error string, set by its last failing call (empty when
     * none failed yet). Unlike Plan 9's {@code errstr(2)}, which swaps the string with a buffer,
     * it leaves the string in place, as {@code rerrstr} does.
     */
    public String errstr() {
        Proc proc = procs.get();
        return proc.errstr;
    }

    /** {@code werrstr}: sets the calling proc's error string, as a library does to report its own errors. */
    public void werrstr(String message) {
        procs.get().errstr = message == null ? "" : message;
    }

    /** {@code getpid}: the pid of the calling proc; each Java thread is its own proc, never 0. */
    public int getpid() {
        return procs.get().pid;
    }

    /**
     * {@code void exits(char *msg)}: ends the process with status {@code msg} (null or empty is
     * success), closes its descriptors and tells the kernel's {@link ExitHook}. Unlike Plan 9's,
     * this returns to the caller (a simulator cannot stop the calling Java thread); later calls
     * on the process fail with "process exited". Only the first call counts.
     */
    public void exits(String msg) {
        String status = msg == null ? "" : msg;
        synchronized (exitLock) {
            if (exited) {
                return;
            }
            exitStatus = status;
            exited = true;
        }
        fds.clear();
        kernel.exited(this, status);
    }

    /** Whether the process called {@link #exits}. */
    public boolean hasExited() {
        return exited;
    }

    /** The status given to {@link #exits}, empty for success, or null while the process runs. */
    public String exitStatus() {
        return exitStatus;
    }

    private int install(Chan chan) {
        int fd = fds.allocate(chan);
        return fd < 0 ? fail(Plan9Error.NO_FREE_FD) : fd;
    }

    private int fail(Plan9Error error) {
        procs.get().errstr = error.message();
        return -1;
    }

    /** The descriptor number in an {@code /fd/N} name, or -1 when it is not a plain decimal. */
    private static int parseFd(String digits) {
        if (digits.isEmpty() || digits.length() > 3) {
            return -1;
        }
        int fd = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            fd = fd * 10 + (c - '0');
        }
        return fd;
    }
}
