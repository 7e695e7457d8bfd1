package dev.callgate.ffm;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import dev.callgate.internal.Backends;
import dev.callgate.internal.GateSpec;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What the qsort benchmarks share: libc's {@code qsort} as a plain JNA binding, the two comparator
 * bodies, the array, and each way of handing a comparator to that binding: plain JNA, the limit (a
 * bare FFM upcall stub, no gate), and callgate on either route.
 */
final class JnaQsortRoutes {

    /** Ints per sort: enough comparisons that the per-sort cost (two JNA downcalls) is under 1 ns a comparison. */
    static final int INTS = 256;
    /**
     * Comparisons per sort on glibc's merge sort. The address body always answers "first is lower"
     * (the left run lies below the right one), so its count is {@code INTS/2 * log2(INTS)} whatever the
     * data; the int body's count is that of this input. Checked at setup against the libc in use.
     */
    static final int ADDRESS_COMPARISONS = 1024;
    static final int INT_COMPARISONS = 1777;

    /** {@code int (*compar)(const void *, const void *)}, as a JNA user writes it. */
    public interface Comparator extends Callback {
        int invoke(Pointer a, Pointer b);
    }

    /** libc's {@code qsort}, interface-mapped as a JNA user writes it ({@code size_t} as {@code long}: 64-bit only). */
    public interface QsortLib extends Library {
        void qsort(Pointer base, long count, long width, Comparator comparator);
    }

    /** The dispatch alone: the body reads no memory. */
    static final Comparator BY_ADDRESS = (a, b) -> Long.compare(Pointer.nativeValue(a), Pointer.nativeValue(b));
    /** Two JNA accessor calls. */
    static final Comparator BY_INT = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));

    private static final QsortLib LIBC = Native.load(Platform.C_LIBRARY_NAME, QsortLib.class);
    /** The limit's target, {@code (Comparator, long, long)int}: the addresses wrapped in {@code Pointer}s as JNA does. */
    static final MethodHandle LIMIT_TARGET;
    /** How the comparator crosses the stub: addresses as {@code long}s, as callgate's FFM route passes them. */
    static final FunctionDescriptor COMPARE = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    static {
        try {
            LIMIT_TARGET = MethodHandles.lookup().findStatic(JnaQsortRoutes.class, "limit",
                    MethodType.methodType(int.class, Comparator.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private JnaQsortRoutes() {}

    /** One array and one comparator; {@link #sort()} refills and sorts it. */
    static final class Sort {
        private final Memory ints = new Memory((long) INTS * Integer.BYTES);
        private final int[] unsorted = new int[INTS];
        final Comparator comparator;

        Sort(Comparator comparator) {
            this.comparator = comparator;
            for (int i = 0; i < INTS; i++) {
                unsorted[i] = (int) ((i * 97L) % INTS); // a permutation: 97 and 256 are coprime
            }
        }

        int sort() {
            ints.write(0, unsorted, 0, INTS);
            LIBC.qsort(ints, INTS, Integer.BYTES, comparator);
            return ints.getInt(0);
        }

        /**
         * Fails unless a sort through this comparator makes {@code expected} calls of {@code body}
         * (so that ns/op divided by it is per comparison) and, for the int body, sorts.
         */
        void check(Comparator body, int expected, String what) {
            int[] calls = new int[1];
            Comparator counting = (a, b) -> {
                calls[0]++;
                return body.invoke(a, b);
            };
            ints.write(0, unsorted, 0, INTS);
            LIBC.qsort(ints, INTS, Integer.BYTES, counting);
            if (calls[0] != expected) {
                throw new IllegalStateException(what + ": this libc's qsort made " + calls[0] + " comparisons on the"
                        + " benchmark's input, the benchmark divides by " + expected + "; set the constant to "
                        + calls[0]);
            }
            sort();
            if (body == BY_INT) {
                for (int i = 0; i < INTS; i++) {
                    if (ints.getInt((long) i * Integer.BYTES) != i) {
                        throw new IllegalStateException(what + ": qsort left index " + i + " unsorted");
                    }
                }
            }
        }
    }

    /**
     * The limit: a bare FFM upcall stub (no gate) whose target wraps the two addresses in
     * {@code Pointer}s as JNA does and calls {@code body}, handed to the JNA binding as JNA's own
     * proxy of the stub's address. The stub lives for the JVM's life.
     */
    static Comparator limit(Comparator body) {
        MemorySegment stub = Natives.LINKER.upcallStub(LIMIT_TARGET.bindTo(body), COMPARE, Arena.global());
        return (Comparator) CallbackReference.getCallback(Comparator.class, new Pointer(stub.address()));
    }

    private static int limit(Comparator body, long a, long b) {
        return body.invoke(a == 0 ? null : new Pointer(a), b == 0 ? null : new Pointer(b));
    }

    /** {@code body} through {@link CallGate#builder} on {@code route} (null: the builder's default), lines to /dev/null. */
    static GatedCallback<Comparator> gated(Comparator body, CallbackRoute route, CallbackRoute expected) {
        GatedCallback.Builder<Comparator> builder = CallGate.builder(Comparator.class, body).name("bench-qsort");
        if (route != null) {
            builder.route(route);
        }
        GatedCallback<Comparator> handle = GateSpec.diagnosticsTo(Backends.backend().writerTo(DevNull.open()), builder::build);
        if (handle.route() != expected) {
            throw new IllegalStateException("callgate took the " + handle.route() + " route, not " + expected + ": "
                    + handle.routeReason());
        }
        return handle;
    }
}
