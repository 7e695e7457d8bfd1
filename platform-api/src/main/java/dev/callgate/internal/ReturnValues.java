package dev.callgate.internal;

import com.sun.jna.Structure;
import java.util.Map;

/** The value handed back to native code when the body does not run, and checks of a configured one. */
public final class ReturnValues {

    private static final Map<Class<?>, Object> ZEROS = Map.of(
            boolean.class, false, byte.class, (byte) 0, short.class, (short) 0, char.class, '\0',
            int.class, 0, long.class, 0L, float.class, 0f, double.class, 0d);

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class, char.class, Character.class,
            int.class, Integer.class, long.class, Long.class, float.class, Float.class, double.class, Double.class);

    private ReturnValues() {}

    /**
     * What to hand JNA for a default {@code value}: the value itself, with a {@link Structure}
     * first written to its native memory. JNA copies a by-value structure from that memory and
     * passes a by-reference one's pointer, never calling {@code write()} for a callback's result,
     * so an unwritten default would reach native code as zeros (or stale fields). Written on each
     * return, so the application's later field changes reach native code too; under the
     * structure's lock, so two threads returning it at once never interleave field writes.
     */
    public static Object forNative(Object value) {
        if (value instanceof Structure) {
            Structure structure = (Structure) value;
            synchronized (structure) {
                structure.write();
            }
        }
        return value;
    }

    /**
     * How the lines name what native code gets when the body does not run: "nothing" for void, a
     * structure by its type (its {@code toString()} is JNA's multi-line dump of every field), any
     * other value as {@link String#valueOf}.
     */
    public static String text(Class<?> returnType, Object value) {
        if (returnType == void.class) {
            return "nothing";
        }
        return value instanceof Structure ? "a " + value.getClass().getSimpleName() + " structure" : String.valueOf(value);
    }

    /** Zero for a primitive return type, null for void and reference types (JNA passes null as 0). */
    public static Object zeroFor(Class<?> type) {
        return ZEROS.get(type);
    }

    /**
     * Checks that {@code value} can be returned from a method declared to return {@code type}.
     *
     * @throws IllegalArgumentException naming the callback, the type and what would fit
     */
    public static Object checked(String callback, Class<?> type, Object value) {
        if (type == void.class) {
            if (value != null) {
                throw new IllegalArgumentException("callback " + callback + " returns void, so it takes no default value;"
                        + " remove defaultValue(" + value + ")");
            }
            return null;
        }
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("callback " + callback + " returns " + type
                        + "; its default value cannot be null. Pass a " + BOXES.get(type).getSimpleName()
                        + " such as " + ZEROS.get(type));
            }
            return null;
        }
        Class<?> wanted = type.isPrimitive() ? BOXES.get(type) : type;
        if (!wanted.isInstance(value)) {
            throw new IllegalArgumentException("callback " + callback + " returns " + type.getName()
                    + " but the default value " + value + " is a " + value.getClass().getName() + "; pass a "
                    + wanted.getSimpleName());
        }
        return value;
    }
}
