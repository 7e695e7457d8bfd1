package dev.callgate.ffm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The variants of {@link UpcallOnGLibWorkerBenchmark}, timed for a loaded machine: one pool per
 * variant, all started at once, take turns (each round starting with the next) pushing {@value UpcallOnGLibWorkerBenchmark#CALLS}
 * items and waiting for their callbacks, so load from other processes falls on all of them alike;
 * prints min, p10 and median ns per push and call over the rounds.
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp $CP dev.callgate.ffm.GLibWorkerInterleaved [rounds]}
 */
public final class GLibWorkerInterleaved {

    private GLibWorkerInterleaved() {}

    /** {@code args}: the number of rounds (300). */
    public static void main(String[] args) throws ReflectiveOperationException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        String[] names = {"ffm-bare", "ffm-gated", "jna-limit", "jna-callgate-ffm", "jna-callgate"};
        List<UpcallOnGLibWorkerBenchmark.Pool> pools = new ArrayList<>();
        for (String name : names) {
            UpcallOnGLibWorkerBenchmark.Pool pool = new UpcallOnGLibWorkerBenchmark.Pool();
            pool.variant = name;
            pool.start(); // resets the shared callback count: counted from here on, over all pools
            pools.add(pool);
        }
        UpcallOnGLibWorkerBenchmark.DONE.reset();
        int calls = UpcallOnGLibWorkerBenchmark.CALLS;
        double[][] nanos = new double[names.length][rounds];
        long pushed = 0;
        for (int r = -rounds / 3; r < rounds; r++) { // the first third warms up
            for (int turn = 0; turn < names.length; turn++) {
                int v = Math.floorMod(r + turn, names.length); // each round starts with the next variant: no order favours one
                UpcallOnGLibWorkerBenchmark.Pool pool = pools.get(v);
                long started = System.nanoTime();
                for (int i = 1; i <= calls; i++) {
                    pool.pool.push(i);
                }
                pushed += calls;
                pool.awaitCalls(pushed); // pools take turns: every callback counted is this pool's
                if (r >= 0) {
                    nanos[v][r] = (System.nanoTime() - started) / (double) calls;
                }
            }
        }
        for (UpcallOnGLibWorkerBenchmark.Pool pool : pools) {
            pool.stop(); // fails unless every gated call was counted foreign
        }
        System.out.printf("one GLib worker per variant, %d rounds of %d pushes, ns per push and call%n", rounds, calls);
        double bareMin = 0;
        for (int v = 0; v < names.length; v++) {
            double[] t = nanos[v];
            Arrays.sort(t);
            if (bareMin == 0) {
                bareMin = t[0];
            }
            System.out.printf("%-17s min %7.1f  p10 %7.1f  median %7.1f  ffm-bare's min/min %5.2fx%n", names[v], t[0],
                    t[rounds / 10], t[rounds / 2], bareMin / t[0]);
        }
    }
}
