package dev.callgate.os.windows;

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
 * A recording fake of the Windows native layer, standing in for kernel32 on a machine that is not
 * Windows. It behaves like kernel32 where the backend can tell: {@code WriteFile} copies
 * {@code count} bytes from the native address it is given into a per-handle record (whole calls are atomic),
 * fails on a handle that is not open with {@code ERROR_INVALID_HANDLE} as this thread's last
 * error, and may take fewer bytes than asked; thread ids are stable per thread and distinct
 * between threads; {@code TerminateProcess} records its exit code and then throws
 * {@link RecordedAbort}, because the real one never returns.
 */
final class RecordingKernel32 implements WindowsBackend.NativeLayer {

    /** {@code ERROR_INVALID_HANDLE} from winerror.h. */
    static final int ERROR_INVALID_HANDLE = 6;

    /** {@code INVALID_HANDLE_VALUE}, {@code (HANDLE)-1}. */
    static final long INVALID_HANDLE_VALUE = -1;

    /** One {@code WriteFile} call: the handle, the buffer's address, and the bytes it was asked to write. */
    record WriteFileCall(long handle, long address, byte[] bytes) {
    }

    /** Thrown where the real {@code TerminateProcess} would have ended the process. */
    static final class RecordedAbort extends Error {
        private static final long serialVersionUID = 1L;

        RecordedAbort(int exitCode) {
            super("TerminateProcess(GetCurrentProcess(), " + exitCode + ") recorded: the process would have ended here");
        }
    }

    private final Map<Long, ByteArrayOutputStream> openHandles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final long standardError;
    private final AtomicInteger nextThreadId;
    private final ThreadLocal<Integer> threadIds;
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);
    private final List<WriteFileCall> writeFileCalls = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    private volatile int maxBytesPerCall = Integer.MAX_VALUE;

    /** A fake whose thread ids count up from 0x1000. */
    RecordingKernel32() {
        this(0x1000);
    }

    /** A fake whose thread ids count up from {@code firstThreadId}, read as an unsigned DWORD. */
    RecordingKernel32(int firstThreadId) {
        nextThreadId = new AtomicInteger(firstThreadId);
        threadIds = ThreadLocal.withInitial(() -> nextThreadId.getAndAdd(4)); // Windows ids are multiples of 4
        standardError = open();
    }

    @Override
    public long standardErrorHandle() {
        return standardError;
    }

    @Override
    public long writeFile(long handle, long address, int count) {
        byte[] buffer = new Pointer(address).getByteArray(0, count);
        synchronized (writeFileCalls) {
            writeFileCalls.add(new WriteFileCall(handle, address, buffer));
        }
        ByteArrayOutputStream file = openHandles.get(handle);
        if (file == null) {
            lastError.set(ERROR_INVALID_HANDLE);
            return -1;
        }
        int taken = Math.min(count, maxBytesPerCall);
        synchronized (file) {
            file.write(buffer, 0, taken);
        }
        return taken;
    }

    @Override
    public int lastError() {
        return lastError.get();
    }

    @Override
    public int currentThreadId() {
        return threadIds.get();
    }

    @Override
    public void terminateCurrentProcess(int exitCode) {
        synchronized (exitCodes) {
            exitCodes.add(exitCode);
        }
        throw new RecordedAbort(exitCode);
    }

    /** Makes every later {@code WriteFile} take at most {@code bytes} bytes. */
    void limitBytesPerCall(int bytes) {
        maxBytesPerCall = bytes;
    }

    /** Everything written to {@code handle} so far. */
    byte[] written(long handle) {
        ByteArrayOutputStream file = openHandles.get(handle);
        synchronized (file) {
            return file.toByteArray();
        }
    }

    List<WriteFileCall> writeFileCalls() {
        synchronized (writeFileCalls) {
            return List.copyOf(writeFileCalls);
        }
    }

    List<Integer> exitCodes() {
        synchronized (exitCodes) {
            return List.copyOf(exitCodes);
        }
    }

    /** A freshly opened handle that records what is written to it. */
    RecordedSink openSink() {
        return new RecordedSink(open());
    }

    /** A handle of this fake; closing it closes the handle, so later writes to it fail. */
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
            return written(target);
        }

        @Override
        public void close() {
            openHandles.remove(target);
        }
    }

    private long open() {
        long handle = nextHandle.getAndAdd(4); // kernel handle values are multiples of 4
        openHandles.put(handle, new ByteArrayOutputStream());
        return handle;
    }
}
