package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every null argument of the public API is a {@link NullPointerException} whose message is the
 * parameter's name, the JDK's convention. The public methods are found by reflection, so a new
 * one without an entry in {@link #PARAMETER_NAMES} fails here until it is added.
 */
class NullArgumentsTest {

    interface IntOp extends Callback {
        int apply(int a, int b);
    }

    /** Public methods that take references, by {@code Type.method(ParamTypes)}, with their parameters' names. */
    private static final Map<String, List<String>> PARAMETER_NAMES = Map.ofEntries(
            Map.entry("CallGate.wrap(Class,Callback)", List.of("type", "body")),
            Map.entry("CallGate.builder(Class,Callback)", List.of("type", "body")),
            Map.entry("CallGate.group(String)", List.of("name")),
            Map.entry("CallGate.addListener(DiagnosticListener)", List.of("listener")),
            Map.entry("CallGate.removeListener(DiagnosticListener)", List.of("listener")),
            Map.entry("CallbackGroup.policy(Policy)", List.of("policy")),
            Map.entry("CallbackGroup.attachment(Attachment)", List.of("attachment")),
            Map.entry("CallbackGroup.exceptionReporting(ExceptionReporting)", List.of("reporting")),
            Map.entry("CallbackGroup.builder(Class,Callback)", List.of("type", "body")),
            Map.entry("CallbackGroup.wrap(Class,Callback)", List.of("type", "body")),
            Map.entry("CallbackGroup.close(Duration)", List.of("timeout")),
            Map.entry("CallbackGroup.add(GatedHandle)", List.of("handle")),
            Map.entry("GatedCallback.close(Duration)", List.of("timeout")),
            Map.entry("Builder.name(String)", List.of("name")),
            Map.entry("Builder.policy(Policy)", List.of("policy")),
            Map.entry("Builder.attachment(Attachment)", List.of("attachment")),
            Map.entry("Builder.exceptionReporting(ExceptionReporting)", List.of("reporting")),
            Map.entry("Builder.threadInitializer(CallbackThreadInitializer)", List.of("initializer")),
            Map.entry("Builder.route(CallbackRoute)", List.of("route")),
            Map.entry("CallbackStats.plus(CallbackStats)", List.of("other")));

    /** Where null is a value, not a mistake. */
    private static final List<String> NULL_ALLOWED = List.of(
            "Builder.defaultValue(Object)"); // null is the pointer or object native code gets

    private final RecordingBackend os = new RecordingBackend();
    private final IntOp adder = (a, b) -> a + b;

    @Test
    void everyNullArgumentIsANullPointerExceptionNamingTheParameter() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Class<?> type : List.of(CallGate.class, CallbackGroup.class, GatedCallback.class, GatedCallback.Builder.class,
                CallbackStats.class)) {
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()
                        || Arrays.stream(method.getParameterTypes()).allMatch(Class::isPrimitive)
                        || method.getName().equals("equals")) {
                    continue;
                }
                String key = key(method);
                found.add(key);
                if (NULL_ALLOWED.contains(key)) {
                    continue;
                }
                List<String> names = PARAMETER_NAMES.get(key);
                if (names == null) {
                    wrong.add(key + ": not in the table; add its parameters' names");
                    continue;
                }
                for (int i = 0; i < method.getParameterCount(); i++) {
                    if (method.getParameterTypes()[i].isPrimitive()) {
                        continue;
                    }
                    String outcome = callWithNullAt(method, i);
                    if (!outcome.equals("NullPointerException: " + names.get(i))) {
                        wrong.add(key + " with parameter " + i + " null: " + outcome);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(found.containsAll(PARAMETER_NAMES.keySet()), "table entries no method has: " + found);
    }

    @Test
    void aNullTimeoutLeavesTheCallbackAndTheGroupOpen() {
        GatedCallback<IntOp> gated = CallGate.builder(IntOp.class, adder).backend(os).diagnostics(os.stderr()).build();
        CallbackGroup group = CallGate.group("null-timeout");
        try {
            assertEquals("timeout", assertThrowsNpe(() -> gated.close(null)));
            assertEquals("timeout", assertThrowsNpe(() -> group.close(null)));
            assertTrue(gated.isOpen());
            assertTrue(group.isOpen());
            assertEquals(3, gated.callback().apply(1, 2), "still runs its body");
        } finally {
            gated.close();
            group.close();
        }
    }

    private static String assertThrowsNpe(Runnable call) {
        try {
            call.run();
        } catch (NullPointerException e) {
            return e.getMessage();
        }
        throw new AssertionError("no NullPointerException");
    }

    private String callWithNullAt(Method method, int nullAt) throws Exception {
        Object receiver = receiverFor(method);
        Object[] args = new Object[method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = i == nullAt ? null : sample(method.getParameterTypes()[i]);
        }
        try {
            method.invoke(receiver, args);
            return "returned normally";
        } catch (InvocationTargetException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } finally {
            if (receiver instanceof AutoCloseable open) {
                open.close();
            }
        }
    }

    private Object receiverFor(Method method) {
        if (Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        Class<?> type = method.getDeclaringClass();
        if (type == CallbackGroup.class) {
            return CallGate.group("nulls");
        }
        if (type == GatedCallback.class) {
            return builder().build();
        }
        if (type == GatedCallback.Builder.class) {
            return builder();
        }
        if (type == CallbackStats.class) {
            return CallbackStats.ZERO;
        }
        throw new AssertionError("no receiver for " + type);
    }

    private GatedCallback.Builder<IntOp> builder() {
        return CallGate.builder(IntOp.class, adder).backend(os).diagnostics(os.stderr());
    }

    private Object sample(Class<?> type) {
        Map<Class<?>, Object> samples = Map.of(Class.class, IntOp.class, Callback.class, adder, String.class, "sample",
                Policy.class, Policy.ALLOW, Attachment.class, Attachment.KEEP_ATTACHED, ExceptionReporting.class,
                ExceptionReporting.EVERY, Duration.class, Duration.ofMillis(1), DiagnosticListener.class,
                (DiagnosticListener) d -> {}, CallbackThreadInitializer.class, new CallbackThreadInitializer(),
                CallbackStats.class, CallbackStats.ZERO);
        Object sample = samples.get(type);
        if (sample == null) {
            throw new AssertionError("no sample value of " + type + "; add one");
        }
        return sample;
    }

    private static String key(Executable e) {
        return e.getDeclaringClass().getSimpleName() + "." + e.getName() + "(" + Arrays.stream(e.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }
}
