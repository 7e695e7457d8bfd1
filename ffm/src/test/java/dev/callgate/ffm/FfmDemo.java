package dev.callgate.ffm;

import dev.callgate.CallbackStats;
import dev.callgate.Policy;
import dev.callgate.internal.Backends;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.LongAdder;

/**
 * GLib's thread pool calls a gated FFM upcall from its native worker threads. The report goes to
 * standard output ({@code backend: linux}, {@code foreign calls: N}, {@code foreign threads: K}),
 * the gate's {@code WARN_ONCE} line to standard error through the OS backend.
 *
 * <p>A demo, not API: it lives in the test sources, so the published jar and its javadoc do not
 * hold it. {@code ./mvnw -pl ffm -am verify -DskipTests -Pffm-demo} (JDK 22+) builds and runs it
 * (ffm's pom, profile {@code ffm-demo}; options through {@code -Dffm.demo.args}); the container
 * matrix runs it from {@code ffm/target/test-classes}.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... dev.callgate.ffm.FfmDemo [--calls N] [--threads K] [--policy P]
 * </pre>
 *
 * Exit status 0 when every call reached the gate as a foreign call, 1 otherwise, 2 for bad options.
 */
public final class FfmDemo {

    private static final LongAdder TICKS = new LongAdder();

    private FfmDemo() {}

    public static void main(String[] args) throws Exception {
        int calls = 1000;
        int threads = 4;
        Policy policy = Policy.WARN_ONCE;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--policy" -> policy = Policy.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (calls < 1 || threads < 1) {
                throw new IllegalArgumentException("--calls and --threads take positive numbers");
            }
        } catch (RuntimeException e) {
            System.err.println("FfmDemo: " + e.getMessage()
                    + "; usage: FfmDemo [--calls N] [--threads K] [--policy allow|warn-once|warn|reject|abort]");
            System.exit(2);
            return;
        }

        MethodHandle tick = MethodHandles.lookup().findStatic(FfmDemo.class, "tick", GLibThreadPool.GFUNC.toMethodType());
        GatedUpcall up = FfmCallGate.builder(tick, GLibThreadPool.GFUNC).name("ffm-demo-tick").policy(policy).build();
        try (GLibThreadPool pool = GLibThreadPool.start(up.stub(), threads)) {
            for (int i = 1; i <= calls; i++) {
                pool.push(i);
            }
        } // g_thread_pool_free(pool, FALSE, TRUE): every queued item ran, the workers are joined
        CallbackStats stats = up.stats();
        up.close();
        up.release(); // the workers are gone: nothing can call the stub any more
        System.out.println("backend: " + Backends.backend().id());
        System.out.println("foreign calls: " + stats.foreignCalls());
        System.out.println("foreign threads: " + stats.foreignThreads());
        System.out.println("bodies run: " + TICKS.sum() + " of " + stats.calls() + " calls (policy " + policy + ")");
        System.out.println("thread-origin check: " + FfmCallGate.threadOriginStatus());
        System.exit(stats.foreignCalls() == calls ? 0 : 1);
    }

    @SuppressWarnings("unused") // the upcall target
    private static void tick(MemorySegment data, MemorySegment userData) {
        TICKS.increment();
    }
}
