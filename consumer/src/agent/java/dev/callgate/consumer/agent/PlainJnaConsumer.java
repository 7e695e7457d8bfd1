package dev.callgate.consumer.agent;

import com.sun.jna.Native;
import dev.callgate.consumer.Checks;
import dev.callgate.consumer.NativeWorker;
import dev.callgate.consumer.NativeWorker.IntCallback;

/**
 * A plain JNA application that knows nothing of callgate, run under the agent with
 * {@code policy=reject}: the callback the pthread calls is rejected (native code gets 0), the one
 * on the JVM's own thread runs. Without the agent both would run. Exits 1 on any mismatch.
 */
public final class PlainJnaConsumer {

    private PlainJnaConsumer() {}

    public static void main(String[] args) {
        NativeWorker worker = Native.load(System.getProperty("consumer.lib"), NativeWorker.class);
        IntCallback doubler = v -> v * 2;
        int foreign = worker.call_from_new_thread(doubler, 21);
        int here = worker.call_here(doubler, 5);
        Checks checks = new Checks();
        checks.equal("result from the pthread (rejected by the agent's gate)", 0, foreign);
        checks.equal("result on the JVM thread", 10, here);
        checks.exit("consumer (agent)");
    }
}
