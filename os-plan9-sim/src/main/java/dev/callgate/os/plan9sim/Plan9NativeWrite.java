package dev.callgate.os.plan9sim;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import java.util.Arrays;

/**
 * callgate's single native write on (simulated) Plan 9: {@code pwrite(fd, buf, n, -1)}, the
 * call Go's runtime uses there, which writes at the descriptor's current offset and advances it.
 *
 * <p>A whole message goes out straight from {@link NativeMessage#sharedBytes()} with no
 * allocation. Only the continuation of a partial write, which the simulated devices never
 * produce (only the contract kit's chopping wrapper does), copies the rest into a new array,
 * because the kernel's {@code pwrite} takes the buffer from its first byte, as a C pointer would.
 */
public final class Plan9NativeWrite implements NativeWrite {

    /** Plan 9's offset that means "the descriptor's current offset". */
    private static final long CURRENT_OFFSET = -1;

    private final Plan9Process process;

    /** A native write through {@code process}'s descriptors. */
    public Plan9NativeWrite(Plan9Process process) {
        this.process = process;
    }

    @Override
    public long write(long target, NativeMessage message, int offset, int count) {
        // A target beyond int is no descriptor: -1 makes the kernel report "fd out of range".
        int fd = target < 0 || target > Integer.MAX_VALUE ? -1 : (int) target;
        byte[] bytes = message.sharedBytes();
        if (offset == 0) {
            return process.pwrite(fd, bytes, count, CURRENT_OFFSET);
        }
        return process.pwrite(fd, Arrays.copyOfRange(bytes, offset, offset + count), count, CURRENT_OFFSET);
    }

    /** The code of this thread's error string ({@link Plan9Error#codeOf}); reading it allocates nothing. */
    @Override
    public int lastError() {
        return Plan9Error.codeOf(process.errstr());
    }

    /** Whether {@code error} is Plan 9's "interrupted": a note cut the call short, so try again. */
    @Override
    public boolean isInterrupted(int error) {
        return error == Plan9Error.INTERRUPTED.code();
    }
}
