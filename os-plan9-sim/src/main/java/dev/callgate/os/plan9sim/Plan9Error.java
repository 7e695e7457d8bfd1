package dev.callgate.os.plan9sim;

/**
 * The error strings the simulated kernel sets, spelled as Plan 9's kernel spells them
 * ({@code /sys/src/9/port/error.h}), each with a stable integer code.
 *
 * <p>Plan 9 has no {@code errno}: a failed system call returns -1 and leaves a string that
 * {@code errstr(2)} reads. callgate's {@link dev.callgate.spi.NativeWrite#lastError()} wants an
 * {@code int}, so {@link #codeOf(String)} maps the string to the code of its kind. The codes are
 * this simulator's own, not Plan 9's (which has none); they never change between releases.
 */
public enum Plan9Error {

    /** {@code Ebadfd}: the descriptor is negative, too large, or not open. */
    BAD_FD(1, "fd out of range or not open"),
    /** {@code Ebadusefd}: a read on a write-only descriptor, or the reverse. */
    BAD_USE_OF_FD(2, "inappropriate use of fd"),
    /** {@code Enonexist}: no file of that name in the namespace. */
    NONEXISTENT(3, "file does not exist"),
    /** {@code Eexist}: {@code create} with {@code OEXCL} of a file that exists. */
    EXISTS(4, "file already exists"),
    /** {@code Eperm}: the device forbids the operation (creating {@code /dev/cons}). */
    PERMISSION_DENIED(5, "permission denied"),
    /** {@code Ebadarg}: a bad mode, a negative count, or a count beyond the buffer. */
    BAD_ARG(6, "bad arg in system call"),
    /** {@code Enofd}: the descriptor table is full. */
    NO_FREE_FD(7, "no free file descriptors"),
    /** {@code Enegoff}: an offset below zero other than -1. */
    NEGATIVE_OFFSET(8, "negative i/o offset"),
    /** {@code Eio}: the device failed (the host's stderr could not be written). */
    IO_ERROR(9, "i/o error"),
    /** {@code Efilename}: a path that does not start with {@code /} (the simulator has no dot). */
    FILE_NAME_SYNTAX(10, "file name syntax"),
    /** {@code Eprocdied}: a call made by a process that already called {@code exits}. */
    PROCESS_EXITED(11, "process exited"),
    /**
     * {@code Eintr}: a note interrupted the call; try again. The simulator sends no notes, so it
     * never sets this itself, but a caller may ({@code werrstr}), and the write loop retries on it.
     */
    INTERRUPTED(12, "interrupted"),
    /** Any other error string, such as one set with {@code werrstr}. */
    OTHER(99, "");

    /** The code {@link #codeOf(String)} returns for an empty error string: no error. */
    public static final int NO_ERROR = 0;

    // values() clones its array on every call; codeOf runs on the diagnostic path and must not allocate.
    private static final Plan9Error[] ALL = values();

    private final int code;
    private final String message;

    Plan9Error(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable integer code of this kind of error; never 0. */
    public int code() {
        return code;
    }

    /** The error string, as {@code errstr} returns it (empty for {@link #OTHER}). */
    public String message() {
        return message;
    }

    /**
     * The code for an error string: {@link #NO_ERROR} for an empty or null one, the code of the
     * matching kind, or {@link #OTHER}'s code. Allocates nothing.
     */
    public static int codeOf(String errstr) {
        if (errstr == null || errstr.isEmpty()) {
            return NO_ERROR;
        }
        for (Plan9Error e : ALL) {
            if (e.message.equals(errstr)) {
                return e.code;
            }
        }
        return OTHER.code;
    }
}
