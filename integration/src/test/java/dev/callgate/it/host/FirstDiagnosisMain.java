package dev.callgate.it.host;

import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.PosixThreads;

/**
 * Times the first foreign call of a fresh JVM on a raw pthread: {@code args[0]} is the policy
 * (ALLOW for the cost without a diagnosis, WARN_ONCE with one). Prints {@code marker} to standard
 * output just before the call, so a class-loading log can be cut there, and then
 * {@code first call us: N} and {@code second call us: N}.
 */
public final class FirstDiagnosisMain {

    private FirstDiagnosisMain() {}

    public static void main(String[] args) {
        GatedCallback<PosixThreads.StartRoutine> gated = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> arg).name("first").policy(Policy.valueOf(args[0])).build();
        PosixThreads.runAndJoin((PosixThreads.StartRoutine) arg -> arg, null); // warm pthread and JNA itself
        System.out.println("marker");
        System.out.flush();
        long t0 = System.nanoTime();
        PosixThreads.runAndJoin(gated.callback(), null);
        long t1 = System.nanoTime();
        PosixThreads.runAndJoin(gated.callback(), null);
        long t2 = System.nanoTime();
        System.out.println("first call us: " + (t1 - t0) / 1000);
        System.out.println("second call us: " + (t2 - t1) / 1000);
    }
}
