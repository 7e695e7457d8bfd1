package dev.callgate.os.darwin;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.spi.contract.Sink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A recording fake of the macOS native layer, standing in for libSystem on a machine that is not
 * macOS. It behaves like the kernel where the backend can tell: {@code write} copies bytes from
 * the native address it is given into a per-descriptor record (whole calls are atomic, like a pipe
 * write of at most {@code PIPE_BUF}), fails on a descriptor that is not open with {@code errno}
 * {@code EBADF} set through JNA, and may take fewer bytes than asked; thread ids are stable per
 * thread and distinct between threads; {@code abort} records the call and then throws
 * {@link RecordedAbort}, because the real one never returns.
 */
final class RecordingLibSystem implements DarwinNativeLayer {

    /** {@code EBADF} on macOS. */
    static final int EBADF = 9;

    /** One {@code write} call as libSystem would have received it. */
    record WriteCall(int fd, long address, long count) {
    }

    /** Thrown where the real {@code abort(3)} would have ended the process. */
    static final class RecordedAbort extends Error {
        private static final long serialVersionUID = 1L;

        RecordedAbort() {
            super("abort(3) recorded: the process would have died of SIGABRT here");
        }
    }

    private final Map<Integer, ByteArrayOutputStream> openDescriptors = new ConcurrentHashMap<>();
    private final AtomicInteger nextDescriptor = new AtomicInteger(3); // 0, 1, 2 are the standard streams
    private final AtomicLong nextThreadId = new AtomicLong(0x1_0000);
    private final ThreadLocal<Long> threadIds = ThreadLocal.withInitial(nextThreadId::getAndIncrement);
    private final List<WriteCall> writeCalls = new ArrayList<>();
    private final AtomicInteger aborts = new AtomicInteger();
    private volatile int maxBytesPerCall = Integer.MAX_VALUE;

    RecordingLibSystem() {
        openDescriptors.put(DarwinBackend.STDERR_FD, new ByteArrayOutputStream());
    }

    @Override
    public long write(int fd, long address, long count) {
        synchronized (writeCalls) {
            writeCalls.add(new WriteCall(fd, address, count));
        }
        ByteArrayOutputStream file = openDescriptors.get(fd);
        if (file == null) {
            Native.setLastError(EBADF); // what PosixNativeWrite reads back as errno
            return -1;
        }
        int taken = (int) Math.min(count, maxBytesPerCall);
        byte[] bytes = new Pointer(address).getByteArray(0, taken);
        synchronized (file) {
            file.write(bytes, 0, taken);
        }
        return taken;
    }

    @Override
    public long threadId() {
        return threadIds.get();
    }

    @Override
    public void abort() {
        aborts.incrementAndGet();
        throw new RecordedAbort();
    }

    /** Makes every later {@code write} take at most {@code bytes} bytes, like a nearly full pipe. */
    void limitBytesPerCall(int bytes) {
        maxBytesPerCall = bytes;
    }

    /** A descriptor number that was never opened. */
    int unopenedDescriptor() {
        return 1_000_000;
    }

    /** Everything written to {@code fd} so far. */
    byte[] written(int fd) {
        ByteArrayOutputStream file = openDescriptors.get(fd);
        synchronized (file) {
            return file.toByteArray();
        }
    }

    List<WriteCall> writeCalls() {
        synchronized (writeCalls) {
            return List.copyOf(writeCalls);
        }
    }

    int abortCalls() {
        return aborts.get();
    }

    /** A freshly opened descriptor that records what is written to it. */
    RecordedSink openSink() {
        int fd = nextDescriptor.getAndIncrement();
        openDescriptors.put(fd, new ByteArrayOutputStream());
        return new RecordedSink(fd);
    }

    /** A descriptor of this fake; closing it closes the descriptor, so later writes to it fail. */
    final class RecordedSink implements Sink {
        private final long target;

        private RecordedSink(long target) {
            this.target = target;
        }

        @Override
        public long target() {
            return target;
        }

        @Override
        public byte[] drain() {
            return written((int) target);
        }

        @Override
        public void close() {
            openDescriptors.remove((int) target);
        }
    }
}
