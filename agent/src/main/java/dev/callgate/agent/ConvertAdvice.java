package dev.callgate.agent;

import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of JNA's {@code CallbackReference.getFunctionPointer(Callback, boolean)}:
 * hands the callback, the {@code direct} flag and JNA's private map of thread initializers to
 * {@link AgentHooks#converting}, and goes on with the flag it returns.
 */
final class ConvertAdvice {

    private ConvertAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object callback,
            @Advice.Argument(value = 1, readOnly = false) boolean direct,
            @Advice.FieldValue("initializers") Map<?, ?> initializers) {
        direct = AgentHooks.converting(callback, direct, initializers);
    }
}
