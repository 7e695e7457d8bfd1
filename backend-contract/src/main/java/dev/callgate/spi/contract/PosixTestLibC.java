package dev.callgate.spi.contract;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * Test-only C library functions that give a POSIX backend real descriptors to write to: pipes, a
 * read end to drain, descriptors known to be closed. The same on Linux, macOS and FreeBSD, where
 * every constant used here ({@code F_DUPFD} 0, {@code EINTR} 4) has the same value. Not part of
 * callgate.
 *
 * <p>An interface mapping rather than direct mapping because {@code fcntl} is variadic: on macOS
 * on Apple silicon variadic arguments go on the stack, not in registers, and JNA passes them there
 * only when the Java method is declared with varargs.
 *
 * <p>{@code size_t} and {@code ssize_t} are mapped as {@link NativeLong}: C {@code long} has their
 * width on every ILP32 and LP64 POSIX system, 32- or 64-bit; {@link #load()} checks it.
 */
interface PosixTestLibC extends Library {

    /** {@code F_DUPFD}: duplicate to the lowest free descriptor at or above the argument. */
    int F_DUPFD = 0;

    /**
     * <b>pipe</b> - create a pipe. {@code int pipe(int fildes[2]);} fills {@code fildes[0]} (read
     * end) and {@code fildes[1]} (write end); returns 0, or -1 with {@code errno} set.
     */
    int pipe(int[] fildes);

    /**
     * <b>read</b> - read from a file descriptor.
     * {@code ssize_t read(int fildes, void *buf, size_t nbyte);} returns the bytes read, 0 at end
     * of file, or -1 with {@code errno} set ({@code EINTR}: interrupted by a signal, try again).
     */
    NativeLong read(int fildes, byte[] buf, NativeLong nbyte);

    /** <b>close</b> - delete a descriptor. {@code int close(int fildes);} returns 0, or -1 with {@code errno}. */
    int close(int fildes);

    /**
     * <b>fcntl</b> - file control. {@code int fcntl(int fildes, int cmd, ...);} with
     * {@code F_DUPFD} and one {@code int}: returns a new descriptor, the lowest free one at or above
     * that argument, or -1 with {@code errno} set ({@code EMFILE}, {@code EINVAL} above the limit).
     */
    int fcntl(int fildes, int cmd, Object... arg);

    /**
     * Loads the C library of this POSIX system.
     *
     * @throws IllegalStateException on a data model where C {@code long} is not as wide as
     *     {@code size_t}, which no supported system has
     */
    static PosixTestLibC load() {
        if (Native.LONG_SIZE != Native.SIZE_T_SIZE) {
            throw new IllegalStateException("PosixTestLibC maps size_t as C long, but this JVM has a "
                    + Native.LONG_SIZE + "-byte long and a " + Native.SIZE_T_SIZE + "-byte size_t; it is meant for Linux, macOS and"
                    + " FreeBSD (ILP32 or LP64) only");
        }
        return Native.load(Platform.C_LIBRARY_NAME, PosixTestLibC.class);
    }
}
