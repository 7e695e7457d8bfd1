package dev.callgate.os.plan9sim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small simulated Plan 9 kernel: a flat name space with {@code /dev/cons} and in-memory files,
 * processes with descriptor tables, and the system calls callgate's diagnostic path needs
 * ({@code open}, {@code create}, {@code close}, {@code dup}, {@code pread}, {@code pwrite},
 * {@code errstr}, {@code exits}) as methods of {@link Plan9Process}.
 *
 * <p>Nothing here is native: the simulator lets callgate's Plan 9 write path (a {@code pwrite}
 * at offset -1 on fd 2) run and be tested on any host. Its locks stand for the Plan 9 kernel's
 * own locks; they are not locks on callgate's Java diagnostic path.
 */
public final class Plan9Kernel {

    private final Namespace namespace;
    private final AtomicInteger lastPid = new AtomicInteger();
    private volatile ExitHook exitHook = (process, status) -> { };

    private Plan9Kernel(ConsoleSink console) {
        this.namespace = new Namespace(new ConsoleDevice(console));
    }

    /**
     * Starts a kernel whose {@code /dev/cons} writes to {@code console}.
     *
     * @throws IllegalArgumentException if {@code console} is null
     */
    public static Plan9Kernel boot(ConsoleSink console) {
        return new Plan9Kernel(requireConsole(console));
    }

    /** Starts a kernel whose {@code /dev/cons} is the host's standard error. */
    public static Plan9Kernel bootOnHostStderr() {
        return boot(new HostStderrConsole());
    }

    /**
     * A new process with descriptors 0, 1 and 2 open on {@code /dev/cons} (read, write, write),
     * as a Plan 9 process inherits them from its parent.
     */
    public Plan9Process spawn(String name) {
        return new Plan9Process(this, name == null ? "" : name);
    }

    /** Sends everything later written to {@code /dev/cons} to {@code console} instead. */
    public void setConsole(ConsoleSink console) {
        namespace.console().setSink(requireConsole(console));
    }

    /** Where {@code /dev/cons} writes now. */
    public ConsoleSink console() {
        return namespace.console().sink();
    }

    /** Sets what runs when a process calls {@code exits}; null restores the default, which does nothing. */
    public void setExitHook(ExitHook hook) {
        this.exitHook = hook == null ? (process, status) -> { } : hook;
    }

    /**
     * Puts a regular file with {@code contents} at {@code path}, replacing any file there.
     *
     * @throws IllegalArgumentException if {@code path} is not absolute or names a device
     */
    public void addFile(String path, byte[] contents) {
        if (path == null || !path.startsWith("/") || Namespace.isDeviceName(path)) {
            throw new IllegalArgumentException("cannot add a file at " + path
                    + ": use an absolute path outside /dev and /fd, such as /tmp/log");
        }
        namespace.put(path, contents.clone());
    }

    /**
     * The bytes of the regular file at {@code path}, read from outside the simulated processes
     * (as a test inspects a disk), or null if there is none.
     */
    public byte[] fileContents(String path) {
        MemoryFile file = namespace.file(path);
        return file == null ? null : file.contents();
    }

    Namespace namespace() {
        return namespace;
    }

    int nextPid() {
        return lastPid.incrementAndGet();
    }

    void exited(Plan9Process process, String status) {
        exitHook.exited(process, status);
    }

    private static ConsoleSink requireConsole(ConsoleSink console) {
        if (console == null) {
            throw new IllegalArgumentException("console is null: pass new HostStderrConsole() or a CapturedConsole");
        }
        return console;
    }
}
