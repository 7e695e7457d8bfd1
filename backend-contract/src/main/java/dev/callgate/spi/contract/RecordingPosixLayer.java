package dev.callgate.spi.contract;

import com.sun.jna.Native;
import dev.callgate.spi.PosixBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A recording fake of a POSIX backend's {@link PosixBackend.NativeLayer}: it records the calls
 * instead of making them to the OS, so a POSIX backend can be tested on a machine that is not its
 * OS. It behaves like the kernel where the backend can tell: {@code write} copies bytes from the
 * native address it is given into a per-descriptor record (whole calls are atomic, like a pipe
 * write of at most {@code PIPE_BUF}), fails on a descriptor that is not open with {@code errno}
 * {@code EBADF} set through JNA, and may take fewer bytes than asked; thread ids are stable per
 * thread and distinct between threads; {@code abort} records the call and then throws
 * {@link RecordedAbort}, because the real one never returns.
 *
 * <p>Tests that use it carry {@code Recorded} in their class name.
 */
public final class RecordingPosixLayer implements PosixBackend.NativeLayer {

    /** {@code EBADF}: 9 on Linux, macOS and the BSDs alike. */
    public static final int EBADF = 9;

    /**
     * One {@code write} call as the C library would have received it.
     *
     * @param fd the descriptor
     * @param address the native address of the first byte
     * @param count the number of bytes asked for
     */
    public record WriteCall(int fd, long address, long count) {
    }

    /** Thrown where the real {@code abort(3)} would have ended the process. */
    public static final class RecordedAbort extends Error {
        private static final long serialVersionUID = 1L;

        RecordedAbort() {
            super("abort(3) recorded: the process would have died of SIGABRT here");
        }
    }

    private final RecordedTargets descriptors = new RecordedTargets();
    private final AtomicInteger nextDescriptor = new AtomicInteger(3); // 0, 1, 2 are the standard streams
    private final AtomicLong nextThreadId = new AtomicLong(0x1_0000);
    private final ThreadLocal<Long> threadIds = ThreadLocal.withInitial(nextThreadId::getAndIncrement);
    private final List<WriteCall> writeCalls = new ArrayList<>();
    private final AtomicInteger aborts = new AtomicInteger();

    /** A fake with only standard error ({@link PosixBackend#STDERR_FD}) open. */
    public RecordingPosixLayer() {
        descriptors.open(PosixBackend.STDERR_FD);
    }

    /** Records the call and copies up to {@code count} bytes, or fails with {@code EBADF}. */
    @Override
    public long write(int fd, long address, long count) {
        synchronized (writeCalls) {
            writeCalls.add(new WriteCall(fd, address, count));
        }
        int taken = descriptors.write(fd, address, count);
        if (taken < 0) {
            Native.setLastError(EBADF); // what PosixNativeWrite reads back as errno
        }
        return taken;
    }

    /** A made-up id, the same on every call from one thread and different on another thread. */
    @Override
    public long threadId() {
        return threadIds.get();
    }

    /** Counts the call, then throws {@link RecordedAbort}. */
    @Override
    public void abort() {
        aborts.incrementAndGet();
        throw new RecordedAbort();
    }

    /** Makes every later {@code write} take at most {@code bytes} bytes, like a nearly full pipe. */
    public void limitBytesPerCall(int bytes) {
        descriptors.limitBytesPerCall(bytes);
    }

    /** A descriptor number that was never opened. */
    public int unopenedDescriptor() {
        return 1_000_000;
    }

    /** Everything written to {@code fd} so far; {@code fd} must be open. */
    public byte[] written(int fd) {
        return descriptors.written(fd);
    }

    /** Every {@code write} call so far, in call order. */
    public List<WriteCall> writeCalls() {
        synchronized (writeCalls) {
            return List.copyOf(writeCalls);
        }
    }

    /** How many times {@code abort} was called. */
    public int abortCalls() {
        return aborts.get();
    }

    /** A freshly opened descriptor that records what is written to it. */
    public RecordedTargets.RecordedSink openSink() {
        return descriptors.openSink(nextDescriptor.getAndIncrement());
    }
}
