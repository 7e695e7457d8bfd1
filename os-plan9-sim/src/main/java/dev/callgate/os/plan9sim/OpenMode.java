package dev.callgate.os.plan9sim;

/**
 * The mode bits of Plan 9's {@code open(2)} and {@code create(2)}, with Plan 9's values.
 *
 * <p>The low two bits choose the access; the other bits are flags. The simulator accepts
 * {@link #OTRUNC}, {@link #OCEXEC} (kept, meaningless without {@code exec}) and, for
 * {@code create} only, {@link #OEXCL}; any other bit fails with "bad arg in system call".
 */
public final class OpenMode {

    /** Open for reading. */
    public static final int OREAD = 0;
    /** Open for writing. */
    public static final int OWRITE = 1;
    /** Open for reading and writing. */
    public static final int ORDWR = 2;
    /** Open for execution; reads like {@link #OREAD}. */
    public static final int OEXEC = 3;
    /** Truncate the file to zero length on open (needs write access). */
    public static final int OTRUNC = 16;
    /** Close on {@code exec}. */
    public static final int OCEXEC = 32;
    /** With {@code create}: fail if the file already exists. */
    public static final int OEXCL = 0x1000;

    static final int ACCESS_MASK = 3;

    private OpenMode() {
    }

    /** The access part of {@code mode}, with {@link #OEXEC} read as {@link #OREAD} (Plan 9's {@code openmode}). */
    static int access(int mode) {
        int access = mode & ACCESS_MASK;
        return access == OEXEC ? OREAD : access;
    }

    static boolean valid(int mode, int allowedFlags) {
        return (mode & ~(ACCESS_MASK | allowedFlags)) == 0;
    }

    static boolean canRead(int access) {
        return access == OREAD || access == ORDWR;
    }

    static boolean canWrite(int access) {
        return access == OWRITE || access == ORDWR;
    }
}
