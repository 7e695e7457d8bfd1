package dev.callgate.os.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Test-only glibc facts the Linux tests check the backend against. Pipes and closed descriptors
 * come from the contract kit's {@code PosixPipeSink}. Not part of callgate.
 */
final class TestLibC {

    /** {@code EBADF} from {@code asm-generic/errno-base.h}. */
    static final int EBADF = 9;

    static {
        Native.register(TestLibC.class, NativeLibrary.getInstance("c"));
    }

    private TestLibC() {}

    /**
     * <b>gnu_get_libc_version</b> - the glibc version, such as {@code "2.36"}.
     * {@code const char *gnu_get_libc_version(void);}
     */
    static native String gnu_get_libc_version();
}
