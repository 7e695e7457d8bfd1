package dev.callgate.it.host;

import com.sun.jna.Memory;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.LibC;

/**
 * The Java side of {@code src/test/c/thread_origin_host.c}: static methods named {@code run} and
 * {@code main} that sort through {@code qsort} with a gated comparator, so the comparator is
 * called back on the very thread the host called in on, and print whether the gate called that
 * thread foreign: {@code thread=<name> id=<java id> method=<run|main> foreign=<true|false>}.
 */
public final class EmbeddedHostCalls {

    private static GatedCallback<LibC.Comparator> comparator;

    private EmbeddedHostCalls() {}

    public static void run() {
        sortAndTell("run");
    }

    public static void main(String[] args) {
        sortAndTell("main");
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    private static synchronized void sortAndTell(String method) {
        if (comparator == null) {
            comparator = CallGate.builder(LibC.Comparator.class,
                    (LibC.Comparator) (a, b) -> Integer.compare(a.getInt(0), b.getInt(0)))
                    .name("embedded-compare").policy(Policy.ALLOW).build();
        }
        long before = comparator.stats().foreignCalls();
        Memory ints = new Memory(8 * Integer.BYTES);
        for (int i = 0; i < 8; i++) {
            ints.setInt((long) i * Integer.BYTES, 8 - i);
        }
        LibC.load().qsort(ints, new LibC.SizeT(8), new LibC.SizeT(Integer.BYTES), comparator.callback());
        boolean foreign = comparator.stats().foreignCalls() > before;
        Thread current = Thread.currentThread();
        System.out.println("thread=" + current.getName() + " id=" + current.getId() + " method=" + method
                + " foreign=" + foreign);
        System.out.flush();
    }
}
