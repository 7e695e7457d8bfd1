package dev.callgate.os.windows;

/**
 * The kernel32 calls the Windows backend makes, as one seam: {@link WindowsKernel32} makes them
 * for real, tests substitute a recording fake. Handles travel as their integer values.
 */
interface WindowsNativeLayer {

    /**
     * {@code GetStdHandle(STD_ERROR_HANDLE)}: {@code 0} when the process has no standard error
     * (a GUI process without a console), {@code -1} ({@code INVALID_HANDLE_VALUE}) on failure.
     */
    long standardErrorHandle();

    /**
     * {@code WriteFile(handle, buffer, count, &written, NULL)}: writes the first {@code count}
     * bytes of {@code buffer}.
     *
     * @return the bytes written, or {@code -1} when the call failed; {@link #lastError()} then
     *     holds {@code GetLastError()}
     */
    long writeFile(long handle, byte[] buffer, int count);

    /** {@code GetLastError()} as it was right after this thread's last failed call. */
    int lastError();

    /** {@code GetCurrentThreadId()}: a {@code DWORD}, to be read as unsigned. */
    int currentThreadId();

    /** {@code TerminateProcess(GetCurrentProcess(), exitCode)}: returns only if it failed. */
    void terminateCurrentProcess(int exitCode);
}
