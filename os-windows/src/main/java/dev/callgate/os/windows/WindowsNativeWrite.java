package dev.callgate.os.windows;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import java.util.Arrays;

/**
 * {@link NativeWrite} over kernel32 {@code WriteFile}: the target is a {@code HANDLE} value, the
 * error is {@code GetLastError()}, and nothing is ever "interrupted, try again".
 */
final class WindowsNativeWrite implements NativeWrite {

    private final WindowsNativeLayer kernel32;

    WindowsNativeWrite(WindowsNativeLayer kernel32) {
        this.kernel32 = kernel32;
    }

    @Override
    public long write(long target, NativeMessage message, int offset, int count) {
        byte[] bytes = message.sharedBytes();
        if (offset != 0) {
            // JNA Platform's WriteFile takes an array from its start. A synchronous WriteFile
            // nearly always writes everything, so only a rare partial write pays for this copy.
            bytes = Arrays.copyOfRange(bytes, offset, offset + count);
        }
        return kernel32.writeFile(target, bytes, count);
    }

    @Override
    public int lastError() {
        return kernel32.lastError();
    }

    /** Windows calls are not interrupted by signals: there is no {@code EINTR} to retry. */
    @Override
    public boolean isInterrupted(int error) {
        return false;
    }
}
