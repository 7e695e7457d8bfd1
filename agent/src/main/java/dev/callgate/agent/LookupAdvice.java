package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into JNA's private {@code CallbackReference.getCallback(Class, Pointer, boolean)}, which
 * every mapping of a native function pointer to a {@code Callback} goes through: on an FFM stub's
 * address it returns the original callback (as JNA does for its own trampolines) without JNA's
 * body; any other pointer goes on as without the agent.
 */
final class LookupAdvice {

    private LookupAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Callback enter(@Advice.Argument(0) Class<?> type, @Advice.Argument(1) Pointer pointer) {
        return AgentHooks.callbackAt(type, pointer);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter Callback original, @Advice.Return(readOnly = false) Callback returned) {
        if (original != null) {
            returned = original;
        }
    }
}
