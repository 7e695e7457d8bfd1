package dev.callgate.consumer;

import com.sun.jna.Native;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.consumer.NativeWorker.IntCallback;

/**
 * An application that depends on callgate-all through callgate-bom: a gated JNA callback called by
 * a native thread (pthread_create) and by the JVM's own thread. Arguments: the callgate version it
 * expects, and "classpath" or "module" (how it must have been started). Exits 1 on any mismatch.
 */
public final class JnaConsumer {

    private JnaConsumer() {}

    public static void main(String[] args) {
        NativeWorker worker = Native.load(System.getProperty("consumer.lib"), NativeWorker.class);
        int foreign;
        int here;
        CallbackStats stats;
        try (GatedCallback<IntCallback> doubler = CallGate.builder(IntCallback.class, v -> v * 2).name("doubler").build()) {
            foreign = worker.call_from_new_thread(doubler.callback(), 21);
            here = worker.call_here(doubler.callback(), 5);
            stats = doubler.stats();
        }
        Checks checks = new Checks();
        checks.equal("callgate version", args[0], CallGate.version());
        checks.equal("named module", args[1].equals("module"), JnaConsumer.class.getModule().isNamed());
        checks.equal("result from the pthread", 42, foreign);
        checks.equal("result on the JVM thread", 10, here);
        checks.equal("calls", 2L, stats.calls());
        checks.equal("foreign calls", 1L, stats.foreignCalls());
        checks.exit("consumer (" + args[1] + ", backend " + CallGate.selection().id() + ")");
    }
}
