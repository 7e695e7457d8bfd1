package dev.callgate.consumer;

import com.sun.jna.Callback;
import com.sun.jna.Library;

/** The consumer's native library (src/main/c/callback_worker.c), through JNA. */
public interface NativeWorker extends Library {

    /** {@code int (*)(int)}. */
    interface IntCallback extends Callback {
        int invoke(int value);
    }

    /** Calls {@code callback(argument)} on a new pthread and returns its result. */
    int call_from_new_thread(IntCallback callback, int argument);

    /** Calls {@code callback(argument)} on the calling thread. */
    int call_here(IntCallback callback, int argument);
}
