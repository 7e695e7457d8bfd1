package dev.callgate.ffm.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.callgate.fixtures.LibC;
import java.util.Arrays;

/** Sorts ints with libc's {@code qsort} through the fixtures' JNA binding: native code calling back on this thread. */
final class Sorting {

    static final LibC LIBC = LibC.load();

    /** The comparator an application would write: reads both ints through JNA. */
    static final LibC.Comparator ASCENDING = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));

    private Sorting() {}

    /** {@code values} sorted by {@code comparator} through {@code qsort}. */
    static int[] sort(LibC.Comparator comparator, int... values) {
        Memory memory = new Memory((long) Integer.BYTES * values.length);
        memory.write(0, values, 0, values.length);
        LIBC.qsort(memory, new LibC.SizeT(values.length), new LibC.SizeT(Integer.BYTES), comparator);
        return memory.getIntArray(0, values.length);
    }

    /** Whether {@code values} are in ascending order. */
    static boolean ascending(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return Arrays.equals(copy, values);
    }

    /** A read through a pointer the body got, so the body does JNA work as applications do. */
    static int read(Pointer p) {
        return p.getInt(0);
    }
}
