package dev.callgate.spi;

/**
 * Writes pre-encoded diagnostic lines to one target through one backend's {@link NativeWrite}.
 *
 * <p>This is the Java twin of the Go runtime's {@code #pragma textflag 7} write path: {@link
 * #write} allocates nothing on the Java heap, takes no Java lock, loads no class, never touches
 * {@code System.err} and never throws. A line of at most {@link NativeMessage#MAX_BYTES} bytes
 * goes out in one native call; the loop only continues a partial write and retries a call
 * interrupted by a signal. A failed write (a closed descriptor, a broken pipe) is reported, never
 * thrown.
 *
 * @since 1.0
 */
public final class DiagnosticWriter {

    /** Retries of an interrupted call before the write counts as failed. */
    static final int MAX_INTERRUPTED_RETRIES = 64;

    /** Zero-byte results in a row before the write counts as failed (a sink that takes nothing). */
    static final int MAX_STALLED_CALLS = 8;

    private final NativeWrite nativeWrite;
    private final long target;
    private volatile int lastFailure;

    /**
     * @param nativeWrite the backend's single native write
     * @param target a file descriptor, or a handle value on Windows
     */
    public DiagnosticWriter(NativeWrite nativeWrite, long target) {
        if (nativeWrite == null) {
            throw new IllegalArgumentException("nativeWrite is null: pass the backend's NativeWrite");
        }
        this.nativeWrite = nativeWrite;
        this.target = target;
    }

    /**
     * Writes {@code message} whole.
     *
     * @return {@code true} if every byte was written; {@code false} if the write failed, in
     *     which case {@link #lastFailure()} holds the error. Counting is the caller's: the gate
     *     counts each callback's lines written, failed and dropped.
     */
    public boolean write(NativeMessage message) {
        try {
            int length = message.length();
            int offset = 0;
            int interrupted = 0;
            int stalled = 0;
            while (offset < length) {
                long n = nativeWrite.write(target, message, offset, length - offset);
                if (n > 0) {
                    offset += (int) n;
                    stalled = 0;
                } else if (n == 0) {
                    if (++stalled >= MAX_STALLED_CALLS) {
                        return fail(0);
                    }
                } else {
                    int error = nativeWrite.lastError();
                    if (!nativeWrite.isInterrupted(error) || ++interrupted > MAX_INTERRUPTED_RETRIES) {
                        return fail(error);
                    }
                }
            }
            return true;
        } catch (Throwable t) { // never let a diagnostic become the failure
            return fail(-1);
        }
    }

    private boolean fail(int error) {
        lastFailure = error;
        return false;
    }

    /** The descriptor or handle this writer writes to. */
    public long target() {
        return target;
    }

    /**
     * The error code of the most recent failure ({@code errno}, {@code GetLastError()}), {@code 0}
     * for a sink that took no bytes, {@code -1} for a native layer that threw; {@code 0} before any.
     */
    public int lastFailure() {
        return lastFailure;
    }
}
