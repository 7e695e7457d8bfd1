package dev.callgate.os.windows;

import com.sun.jna.Pointer;
import dev.callgate.spi.contract.RecordedTargets;
import java.util.ArrayList;
import java.util.List;
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

    private final RecordedTargets handles = new RecordedTargets();
    private final AtomicLong nextHandle = new AtomicLong(0x100);
    private final long standardError;
    private final AtomicInteger nextThreadId;
    private final ThreadLocal<Integer> threadIds;
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);
    private final List<WriteFileCall> writeFileCalls = new ArrayList<>();
    private final List<Integer> exitCodes = new ArrayList<>();
    private volatile java.util.concurrent.CountDownLatch stall; // non-null: WriteFile blocks, as on a full pipe

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
        java.util.concurrent.CountDownLatch blocked = stall;
        if (blocked != null) {
            try {
                blocked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] buffer = new Pointer(address).getByteArray(0, count);
        synchronized (writeFileCalls) {
            writeFileCalls.add(new WriteFileCall(handle, address, buffer));
        }
        int taken = handles.write(handle, address, count);
        if (taken < 0) {
            lastError.set(ERROR_INVALID_HANDLE);
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

    /** From now on WriteFile blocks, as it does on a pipe whose reader stopped reading, until {@link #release()}. */
    void stall() {
        stall = new java.util.concurrent.CountDownLatch(1);
    }

    void release() {
        java.util.concurrent.CountDownLatch blocked = stall;
        stall = null;
        if (blocked != null) {
            blocked.countDown();
        }
    }

    /** Makes every later {@code WriteFile} take at most {@code bytes} bytes. */
    void limitBytesPerCall(int bytes) {
        handles.limitBytesPerCall(bytes);
    }

    /** Everything written to {@code handle} so far. */
    byte[] written(long handle) {
        return handles.written(handle);
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
    RecordedTargets.RecordedSink openSink() {
        return handles.openSink(nextHandle.getAndAdd(4)); // kernel handle values are multiples of 4
    }

    private long open() {
        long handle = nextHandle.getAndAdd(4);
        handles.open(handle);
        return handle;
    }
}
