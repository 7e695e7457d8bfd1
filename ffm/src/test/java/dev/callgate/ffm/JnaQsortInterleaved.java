package dev.callgate.ffm;

import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.internal.Backends;
import java.util.Arrays;
import java.util.List;

/**
 * The qsort comparisons of {@link JnaQsortOnJvmThreadBenchmark}, timed for a loaded machine: the
 * variants take turns in batches of {@value #BATCH} sorts within one JVM, so load from other
 * processes falls on all of them alike, and the minimum and low percentiles over the rounds show
 * what each costs when it is not interrupted. Besides JMH's variants it times {@code ffmGate}: the
 * limit's own target behind {@link FfmCallGate}'s gate (the gate alone, no JNA type conversion).
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp $CP dev.callgate.ffm.JnaQsortInterleaved address|getInt [rounds]}
 */
public final class JnaQsortInterleaved {

    static final int BATCH = 20;

    private JnaQsortInterleaved() {}

    record Variant(String name, JnaQsortRoutes.Sort sort, double[] nanos) {}

    /** {@code args}: the body, {@code address} or {@code getInt}; then the number of rounds (300). */
    public static void main(String[] args) {
        boolean getInt = args.length > 0 && args[0].equals("getInt");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        JnaQsortRoutes.Comparator body = getInt ? JnaQsortRoutes.BY_INT : JnaQsortRoutes.BY_ADDRESS;
        int comparisons = getInt ? JnaQsortRoutes.INT_COMPARISONS : JnaQsortRoutes.ADDRESS_COMPARISONS;
        GatedUpcall gateAlone = FfmCallGate.builder(JnaQsortRoutes.LIMIT_TARGET.bindTo(body), JnaQsortRoutes.COMPARE)
                .name("interleaved").policy(Policy.WARN)
                .diagnostics(Backends.backend().writerTo(DevNull.open())).build();
        GatedCallback<JnaQsortRoutes.Comparator> ffm = JnaQsortRoutes.gated(body, null, CallbackRoute.FFM);
        GatedCallback<JnaQsortRoutes.Comparator> jna = JnaQsortRoutes.gated(body, CallbackRoute.JNA, CallbackRoute.JNA);
        List<Variant> variants = List.of(
                variant("limit", JnaQsortRoutes.limit(body), body, comparisons, rounds),
                variant("ffmGate", (JnaQsortRoutes.Comparator) CallbackReference.getCallback(
                        JnaQsortRoutes.Comparator.class, new Pointer(gateAlone.stub().address())), body, comparisons, rounds),
                variant("callgateFfm", ffm.callback(), body, comparisons, rounds),
                variant("callgateJna", jna.callback(), body, comparisons, rounds),
                variant("plainJna", body, body, comparisons, rounds));
        int sink = 0;
        for (int warm = 0; warm < 300; warm++) {
            for (Variant v : variants) {
                for (int i = 0; i < BATCH; i++) {
                    sink += v.sort().sort();
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (Variant v : variants) {
                long started = System.nanoTime();
                for (int i = 0; i < BATCH; i++) {
                    sink += v.sort().sort();
                }
                v.nanos()[r] = (System.nanoTime() - started) / (double) (BATCH * comparisons);
            }
        }
        double limitMin = 0;
        System.out.printf("%s body, %d rounds of %d sorts, ns per comparison (sink %d)%n", getInt ? "getInt" : "address",
                rounds, BATCH, sink & 1);
        for (Variant v : variants) {
            double[] t = v.nanos();
            Arrays.sort(t);
            if (limitMin == 0) {
                limitMin = t[0];
            }
            System.out.printf("%-12s min %7.1f  p10 %7.1f  median %7.1f  min/limit's min %5.2fx%n", v.name(), t[0],
                    t[rounds / 10], t[rounds / 2], t[0] / limitMin);
        }
    }

    private static Variant variant(String name, JnaQsortRoutes.Comparator comparator, JnaQsortRoutes.Comparator body,
            int comparisons, int rounds) {
        JnaQsortRoutes.Sort sort = new JnaQsortRoutes.Sort(comparator);
        sort.check(body, comparisons, name);
        return new Variant(name, sort, new double[rounds]);
    }
}
