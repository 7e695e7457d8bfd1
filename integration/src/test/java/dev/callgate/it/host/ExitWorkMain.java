package dev.callgate.it.host;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.LibC;
import dev.callgate.fixtures.PosixThreads;

/**
 * The child program of {@link ExitWorkRunsTest}:
 * {@code <library> <directory> <before|after> <java|ended-pthreads> <exit|return|halt>}. Loads the
 * exit-work library and arms it (it then leaves its files in the directory at exit) before or
 * after the first gate is built; runs gated callbacks (callgate's defaults: kept attached) on Java
 * threads only, or also on pthreads that called back and ended; then ends as told
 * ({@code System.exit(5)}, a return from {@code main}, {@code Runtime.halt(7)}).
 */
public final class ExitWorkMain {

    /** The test library's one function. */
    public interface ExitWork extends Library {
        /** {@code int exit_work_arm(const char *directory);} */
        int exit_work_arm(String directory);
    }

    private static GatedCallback<?> comparator; // static: reachable whatever main does
    private static GatedCallback<?> routine;

    private ExitWorkMain() {}

    public static void main(String[] args) {
        String library = args[0];
        String directory = args[1];
        boolean before = args[2].equals("before");
        if (before) {
            load(library, directory);
        }
        gateCallbacks(args[3].equals("ended-pthreads"));
        if (!before) {
            load(library, directory);
        }
        System.out.println("ready");
        switch (args[4]) {
            case "exit" -> System.exit(5);
            case "halt" -> Runtime.getRuntime().halt(7);
            case "return" -> { }
            default -> throw new IllegalArgumentException(args[4]);
        }
    }

    private static void load(String library, String directory) {
        if (Native.load(library, ExitWork.class).exit_work_arm(directory) != 0) {
            throw new IllegalStateException("atexit refused the library's handler");
        }
    }

    private static void gateCallbacks(boolean onPthreads) {
        GatedCallback<LibC.Comparator> compare = CallGate.builder(LibC.Comparator.class,
                (LibC.Comparator) (a, b) -> Integer.compare(a.getInt(0), b.getInt(0))).name("compare").build();
        comparator = compare;
        Memory ints = new Memory(16 * Integer.BYTES);
        for (int i = 0; i < 16; i++) {
            ints.setInt((long) i * Integer.BYTES, 16 - i);
        }
        LibC.load().qsort(ints, new LibC.SizeT(16), new LibC.SizeT(Integer.BYTES), compare.callback()); // a Java thread
        if (onPthreads) {
            GatedCallback<PosixThreads.StartRoutine> start = CallGate.builder(PosixThreads.StartRoutine.class,
                    (PosixThreads.StartRoutine) arg -> arg).name("pthread-start").build();
            routine = start;
            for (int i = 0; i < 4; i++) { // each thread is kept attached, calls back, ends, and is detached
                Pointer result = PosixThreads.runAndJoin(start.callback(), new Pointer(i + 1));
                if (Pointer.nativeValue(result) != i + 1) {
                    throw new IllegalStateException("the body did not run on pthread " + i + ": " + result);
                }
            }
            if (start.stats().foreignThreads() == 0) {
                throw new IllegalStateException("the pthreads were not seen as foreign: " + start.stats());
            }
        }
    }
}
