package dev.callgate.consumer.agent;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A plain JNA application that knows nothing of callgate, run under the agent with
 * {@code policy=reject}: the callback the pthread calls is rejected (native code gets 0), the one
 * on the JVM's own thread runs. Without the agent both would run. Exits 1 on any mismatch.
 */
public final class PlainJnaConsumer {

    /** {@code int (*)(int)}. */
    public interface IntCallback extends Callback {
        int invoke(int value);
    }

    /** The consumer's native library (src/main/c/callback_worker.c). */
    public interface Worker extends Library {
        int call_from_new_thread(IntCallback callback, int argument);

        int call_here(IntCallback callback, int argument);
    }

    private PlainJnaConsumer() {}

    public static void main(String[] args) {
        Worker worker = Native.load(System.getProperty("consumer.lib"), Worker.class);
        IntCallback doubler = v -> v * 2;
        int foreign = worker.call_from_new_thread(doubler, 21);
        int here = worker.call_here(doubler, 5);
        boolean ok = foreign == 0 && here == 10;
        System.out.println((ok ? "ok" : "FAILED") + ": from the pthread " + foreign + " (expected 0: rejected by the"
                + " agent's gate), on the JVM thread " + here + " (expected 10)");
        System.out.println("consumer (agent)" + (ok ? ": every check passed" : ": FAILED"));
        System.exit(ok ? 0 : 1);
    }
}
