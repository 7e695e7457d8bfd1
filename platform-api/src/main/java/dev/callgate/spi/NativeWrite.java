package dev.callgate.spi;

/**
 * One call of an operating system's lowest-level write: {@code write(2)} on POSIX,
 * {@code WriteFile} on Windows, {@code pwrite} at offset -1 on Plan 9. This is the seam between
 * the shared {@link DiagnosticWriter} loop and a backend's native layer: a backend implements it
 * over its native mapping, and tests replace the native layer with a recording fake.
 *
 * <p>Implementations are called on the diagnostic path: they must not allocate on the Java heap
 * in the common case, take no Java lock and never throw.
 *
 * @since 1.0
 */
public interface NativeWrite {

    /**
     * Writes up to {@code count} bytes of {@code message}, starting at byte {@code offset}, to
     * {@code target} (a file descriptor, or a handle value on Windows).
     *
     * @return the number of bytes written, {@code >= 0}, or {@code -1} when the call failed; the
     *     error code is then available from {@link #lastError()} on the same thread
     */
    long write(long target, NativeMessage message, int offset, int count);

    /** The error code of this thread's last failed {@link #write}: {@code errno} or {@code GetLastError()}. */
    int lastError();

    /** Whether {@code error} means "interrupted, try again" ({@code EINTR} on POSIX). */
    boolean isInterrupted(int error);
}
