package dev.callgate.agent;

import com.sun.jna.Pointer;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into JNA's {@code CallbackReference.getFunctionPointer(Callback, boolean)}: hands the
 * callback, the {@code direct} flag and JNA's private map of thread initializers to
 * {@link AgentHooks#converting}. For a callback on the FFM route the method body is skipped and the
 * stub's address returned; for any other it goes on with the flag the hook returns.
 */
final class ConvertAdvice {

    private ConvertAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static Pointer enter(@Advice.Argument(0) Object callback,
            @Advice.Argument(value = 1, readOnly = false) boolean direct,
            @Advice.FieldValue("initializers") Map<?, ?> initializers) {
        Object converted = AgentHooks.converting(callback, direct, initializers);
        if (converted instanceof Pointer) {
            return (Pointer) converted;
        }
        direct = Boolean.TRUE.equals(converted);
        return null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Enter Pointer stub, @Advice.Return(readOnly = false) Pointer returned) {
        if (stub != null) {
            returned = stub;
        }
    }
}
