package dev.callgate.cli;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The C library's {@code qsort}: native code that calls a Java comparator back on the calling thread. */
public interface LibC extends Library {

    /** {@code int (*compar)(const void *, const void *)} */
    interface Comparator extends Callback {
        int compare(Pointer a, Pointer b);
    }

    /** C {@code size_t}: 4 bytes on 32-bit, 8 on 64-bit. */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** {@code void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))} */
    void qsort(Pointer base, SizeT count, SizeT size, Comparator comparator);

    /** Loads the C library. */
    static LibC load() {
        return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    }
}
