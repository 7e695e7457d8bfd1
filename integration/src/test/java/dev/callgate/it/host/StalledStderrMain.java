package dev.callgate.it.host;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.PosixThreads;
import java.util.concurrent.TimeUnit;

/**
 * The child program of {@link StalledStderrTest}: its standard error is a pipe the test never
 * reads. It first fills that pipe (non-blocking writes until {@code EAGAIN}), so every later write
 * to it would block for ever; then foreign threads call a gated callback under the policy in
 * {@code args[0]}. Prints {@code slowest call ms: N} and the callback's stats, or, under ABORT,
 * {@code aborting at <nanoTime>} just before the call that must end the process.
 */
public final class StalledStderrMain {

    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int fcntl(int fd, int cmd, int arg);

        long write(int fd, Pointer buffer, long count);
    }

    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 04000;

    private StalledStderrMain() {}

    public static void main(String[] args) {
        Policy policy = Policy.valueOf(args[0]);
        int calls = Integer.parseInt(args[1]);
        fillStandardError();
        GatedCallback<PosixThreads.StartRoutine> gated = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    throw new IllegalStateException("every call throws, so every policy writes");
                }).name("stalled").policy(policy).build();
        long slowest = 0;
        for (int i = 0; i < calls; i++) {
            if (policy == Policy.ABORT) {
                System.out.println("aborting at " + System.nanoTime());
                System.out.flush();
            }
            long started = System.nanoTime();
            PosixThreads.runAndJoin(gated.callback(), null);
            slowest = Math.max(slowest, System.nanoTime() - started);
        }
        CallbackStats stats = gated.stats();
        System.out.println("slowest call ms: " + TimeUnit.NANOSECONDS.toMillis(slowest));
        System.out.println("stats: " + stats);
    }

    /** Writes to fd 2, without blocking, until the pipe is full. */
    private static void fillStandardError() {
        int flags = LibC.C.fcntl(2, F_GETFL, 0);
        LibC.C.fcntl(2, F_SETFL, flags | O_NONBLOCK);
        Memory chunk = new Memory(4096);
        chunk.setMemory(0, 4096, (byte) '#');
        long total = 0;
        while (true) {
            long n = LibC.C.write(2, chunk, 4096);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        LibC.C.fcntl(2, F_SETFL, flags); // blocking again: from now on a write to fd 2 waits for ever
        System.out.println("stderr filled with " + total + " bytes");
    }
}
