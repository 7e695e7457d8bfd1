package dev.callgate.agent.programs;

import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.agent.programs.PlainJnaProgram.Compare;
import dev.callgate.agent.programs.PlainJnaProgram.LibC;
import java.lang.reflect.Method;

/**
 * An unmodified application (JNA only) that converts many callbacks and drops them, and maps a
 * callback's function pointer back with {@code CallbackReference.getCallback}. Prints:
 *
 * <ul>
 *   <li>{@code sorted=}: libc {@code qsort} sorted through every converted comparator</li>
 *   <li>{@code sameCallback=}: {@code getCallback(Compare.class, getFunctionPointer(c)) == c}</li>
 *   <li>{@code samePointer=}: a callback converted twice has the same function pointer</li>
 *   <li>{@code mappedBackSorts=}: the callback {@code getCallback} returned sorts when passed again</li>
 *   <li>{@code registered=}: how many callbacks the agent still has an entry (and an FFM stub) for,
 *       after {@code churn=N} comparators were converted and dropped (read reflectively from the
 *       agent; {@code none} without it)</li>
 * </ul>
 */
public final class StubLifeProgram {

    private StubLifeProgram() {}

    /** A comparator class of its own, so that every instance is a new callback. */
    static final class Ascending implements Compare {
        int calls;

        @Override
        public int invoke(Pointer a, Pointer b) {
            calls++;
            return Integer.compare(a.getInt(0), b.getInt(0));
        }
    }

    public static void main(String[] args) throws Exception {
        int churn = 0;
        for (String a : args) {
            if (a.startsWith("churn=")) {
                churn = Integer.parseInt(a.substring(6));
            }
        }
        LibC libc = Native.load("c", LibC.class);
        Memory data = new Memory(4 * 3);

        Ascending kept = new Ascending();
        Pointer first = CallbackReference.getFunctionPointer(kept);
        System.out.println("samePointer=" + first.equals(CallbackReference.getFunctionPointer(kept)));
        System.out.println("sameCallback=" + (CallbackReference.getCallback(Compare.class, first) == kept));
        Compare back = (Compare) CallbackReference.getCallback(Compare.class, first);
        System.out.println("mappedBackSorts=" + sorts(libc, data, back));

        boolean sorted = true;
        for (int i = 0; i < churn; i++) {
            sorted &= sorts(libc, data, new Ascending());
            if (i % 2000 == 1999) {
                System.gc();
            }
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        sorted &= sorts(libc, data, new Ascending()); // one more conversion drops what the collector cleared
        System.out.println("sorted=" + sorted);
        System.out.println("registered=" + registered());
        System.out.println("keptCalls=" + (kept.calls > 0));
    }

    private static boolean sorts(LibC libc, Memory data, Compare compare) {
        data.setInt(0, 3);
        data.setInt(4, 1);
        data.setInt(8, 2);
        libc.qsort(data, 3, 4, compare);
        return data.getInt(0) == 1 && data.getInt(4) == 2 && data.getInt(8) == 3;
    }

    private static String registered() {
        try {
            Method size = Class.forName("dev.callgate.agent.GateRegistry").getDeclaredMethod("size");
            size.setAccessible(true);
            return String.valueOf(size.invoke(null));
        } catch (ReflectiveOperationException noAgent) {
            return "none";
        }
    }
}
