package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import dev.callgate.internal.Lines;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands an exception the gate contained to the application's JNA callback exception handler
 * ({@code Native.setCallbackExceptionHandler}) as JNA's dispatch does without the agent: the same
 * callback object and throwable, on the same thread, once per exception, here after callgate's own
 * line and counter.
 *
 * <p>JNA's own default handler ({@code Native.DEFAULT_HANDLER}, an anonymous class of
 * {@code Native}) is not called: all it does is log the exception, a second report of what the
 * gate's line has just said (without the agent it is the only report). A handler that throws is
 * contained here, so nothing reaches native code; JNA's dispatch would hand that exception to the
 * same handler once more, which the agent does not repeat.
 */
final class ApplicationExceptionHandler {

    private static final AtomicBoolean THROW_SAID = new AtomicBoolean();

    private ApplicationExceptionHandler() {}

    /** Never throws. */
    static void tell(Object callback, Throwable thrown, String callbackName) {
        Callback.UncaughtExceptionHandler handler = null;
        try {
            handler = Native.getCallbackExceptionHandler();
            if (handler == null || isJnasDefault(handler)) {
                return;
            }
            handler.uncaughtException(callback instanceof Callback c ? c : null, thrown);
        } catch (Throwable failed) { // the handler's own exception: stop it here, say so once
            if (THROW_SAID.compareAndSet(false, true)) {
                CallgateAgent.say(Lines.agentHandlerThrew(handler, failed, callbackName));
            }
        }
    }

    /** JNA's default handler, which only logs: an anonymous class declared in {@code Native}. */
    static boolean isJnasDefault(Object handler) {
        return handler.getClass().getName().startsWith("com.sun.jna.Native$");
    }
}
