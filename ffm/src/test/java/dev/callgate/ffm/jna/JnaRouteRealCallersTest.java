package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.callgate.ffm.jna.ThreeRoutes.Outcome;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibC;
import dev.callgate.fixtures.PosixThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Real native callers through plain JNA, callgate's JNA route and its FFM route: libc's
 * {@code qsort} on the calling thread, GLib's thread pool and raw pthreads on threads the JVM
 * never saw start. The body sees the same values and native code gets the same results.
 */
class JnaRouteRealCallersTest {

    private static final LibC LIBC = LibC.load();
    private static final int[] UNSORTED = IntStream.range(0, 64).map(i -> (i * 37 + 11) % 64 - 32).toArray();

    @Test
    void qsortComparator() {
        Outcome o = ThreeRoutes.outcomes(LibC.Comparator.class, seen -> (a, b) -> {
            int x = a.getInt(0);
            int y = b.getInt(0);
            seen.add(List.of(x, y));
            return Integer.compare(x, y);
        }, (cb, onThread) -> {
            Memory ints = new Memory(UNSORTED.length * 4L);
            ints.write(0, UNSORTED, 0, UNSORTED.length);
            LIBC.qsort(ints, new LibC.SizeT(UNSORTED.length), new LibC.SizeT(4), cb);
            return List.of(Arrays.toString(ints.getIntArray(0, UNSORTED.length)));
        });
        int[] sorted = UNSORTED.clone();
        Arrays.sort(sorted);
        assertEquals(List.of(Arrays.toString(sorted), Arrays.toString(sorted)), o.got());
        assertEquals(true, o.seen().size() > UNSORTED.length, "qsort compared " + o.seen().size() + " times");
    }

    @Test
    void glibPoolWorkers() {
        Outcome o = ThreeRoutes.outcomesInAnyOrder(GLibThreadPool.GFunc.class, seen -> (data, userData) ->
                seen.add(List.of(Pointer.nativeValue(data), String.valueOf(userData))), (cb, round) -> {
                    try (GLibThreadPool pool = GLibThreadPool.start(cb, 3)) {
                        for (long i = 1; i <= 100; i++) {
                            pool.push(i + round * 1000L);
                        }
                    }
                    return List.of();
                });
        List<Object> expected = new ArrayList<>();
        LongStream.rangeClosed(1, 100).forEach(i -> expected.add(List.of(i, "null")));
        LongStream.rangeClosed(1001, 1100).forEach(i -> expected.add(List.of(i, "null")));
        expected.sort(java.util.Comparator.comparing(String::valueOf));
        assertEquals(expected, o.seen());
    }

    @Test
    void pthreadStartRoutine() {
        Outcome o = ThreeRoutes.outcomes(PosixThreads.StartRoutine.class, seen -> arg -> {
            seen.add(Pointer.nativeValue(arg));
            return arg == null ? null : new Pointer(Pointer.nativeValue(arg) * 2);
        }, (cb, round) -> {
            Pointer a = PosixThreads.runAndJoin(cb, new Pointer(0x4000 + round));
            Pointer b = PosixThreads.runAndJoin(cb, null);
            return Arrays.asList(a == null ? null : Pointer.nativeValue(a), b);
        });
        assertEquals(List.of(0x4000L, 0L, 0x4001L, 0L), o.seen());
        assertEquals(Arrays.asList(0x8000L, null, 0x8002L, null), o.got());
    }
}
