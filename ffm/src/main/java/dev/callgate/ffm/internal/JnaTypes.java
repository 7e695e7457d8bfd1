package dev.callgate.ffm.internal;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.NativeMapped;
import com.sun.jna.NativeMappedConverter;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * How each JNA type of a callback crosses the FFM stub: the layout native code passes it in, and
 * the method handle that converts it as JNA does ({@link JnaValues}). Pointers of every kind
 * cross as {@code long}s, which the 64-bit ABIs pass exactly as pointers: so the stub makes no
 * {@code MemorySegment} per argument. A type that is not here takes JNA's route.
 */
final class JnaTypes {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** The primitives native code passes as they are. */
    private static final Map<Class<?>, ValueLayout> SAME = Map.of(byte.class, ValueLayout.JAVA_BYTE,
            short.class, ValueLayout.JAVA_SHORT, int.class, ValueLayout.JAVA_INT, long.class, ValueLayout.JAVA_LONG,
            float.class, ValueLayout.JAVA_FLOAT, double.class, ValueLayout.JAVA_DOUBLE);

    private JnaTypes() {}

    /** Null when the route converts {@code type} as JNA does; else what it is, for the reason. */
    static String refuses(Class<?> type) {
        if (type == void.class || SAME.containsKey(type) || type == boolean.class || type == char.class
                || type == NativeLong.class || isAddress(type)) {
            return null;
        }
        if (Structure.ByValue.class.isAssignableFrom(type)) {
            return "a Structure.ByValue (" + type.getName() + "), which the FFM route does not copy";
        }
        if (type.isArray()) {
            return "an array (" + type.getSimpleName() + ")";
        }
        if (NativeMapped.class.isAssignableFrom(type)) {
            return "a NativeMapped (" + type.getName() + ") other than PointerType and NativeLong";
        }
        if (type.isPrimitive()) {
            return "a " + type.getName();
        }
        return "a " + type.getName() + " (the route converts primitives, NativeLong, Pointer, PointerType, String,"
                + " WString, Structure by reference and Callback)";
    }

    /** Whether {@code type} crosses as an address. */
    private static boolean isAddress(Class<?> type) {
        return Pointer.class.isAssignableFrom(type) || PointerType.class.isAssignableFrom(type)
                || type == String.class || type == WString.class || Callback.class.isAssignableFrom(type)
                || Structure.class.isAssignableFrom(type) && !Structure.ByValue.class.isAssignableFrom(type);
    }

    /** The layout native code passes or returns {@code type} in (a type {@link #refuses} takes). */
    static MemoryLayout layout(Class<?> type) {
        ValueLayout same = SAME.get(type);
        if (same != null) {
            return same;
        }
        if (type == boolean.class) {
            return ValueLayout.JAVA_INT;
        }
        if (type == char.class) {
            return Native.WCHAR_SIZE == 2 ? ValueLayout.JAVA_CHAR : ValueLayout.JAVA_INT;
        }
        if (type == NativeLong.class) {
            return Native.LONG_SIZE == 8 ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT;
        }
        return ValueLayout.JAVA_LONG; // an address
    }

    /** {@code (carrier)type}, native to JNA; null where they are the same. */
    static MethodHandle argument(Class<?> type, String encoding) throws ReflectiveOperationException {
        if (SAME.containsKey(type) || type == char.class && Native.WCHAR_SIZE == 2) {
            return null;
        }
        if (type == boolean.class) {
            return values("bool", boolean.class, int.class);
        }
        if (type == char.class) {
            return values("wchar", char.class, int.class);
        }
        if (type == NativeLong.class) {
            return Native.LONG_SIZE == 8 ? values("nativeLong", NativeLong.class, long.class)
                    : values("nativeLong", NativeLong.class, int.class);
        }
        MethodHandle converted;
        if (type == String.class) {
            converted = values("string", String.class, String.class, long.class).bindTo(encoding);
        } else if (type == WString.class) {
            converted = values("wstring", WString.class, long.class);
        } else if (Structure.class.isAssignableFrom(type)) {
            converted = values("structure", Structure.class, Class.class, long.class).bindTo(type);
        } else if (Callback.class.isAssignableFrom(type)) {
            converted = values("callback", Callback.class, Class.class, long.class).bindTo(type);
        } else if (PointerType.class.isAssignableFrom(type)) {
            converted = values("pointerType", Object.class, NativeMappedConverter.class, long.class)
                    .bindTo(NativeMappedConverter.getInstance(type));
        } else {
            converted = values("pointer", Pointer.class, long.class);
        }
        return converted.asType(MethodType.methodType(type, long.class));
    }

    /** {@code (type)carrier}, JNA to native; null where they are the same. */
    static MethodHandle result(Class<?> type) throws ReflectiveOperationException {
        if (type == void.class || SAME.containsKey(type) || type == char.class && Native.WCHAR_SIZE == 2) {
            return null;
        }
        if (type == boolean.class) {
            return values("bool", int.class, boolean.class);
        }
        if (type == char.class) {
            return values("wchar", int.class, char.class);
        }
        if (type == NativeLong.class) {
            return Native.LONG_SIZE == 8 ? values("nativeLongValue", long.class, NativeLong.class)
                    : values("nativeLongInt", int.class, NativeLong.class);
        }
        MethodHandle converted;
        if (type == String.class) {
            converted = values("nativeString", long.class, String.class); // JNA's default encoding, not the library's
        } else if (type == WString.class) {
            converted = values("nativeWideString", long.class, WString.class);
        } else if (Structure.class.isAssignableFrom(type)) {
            converted = values("address", long.class, Structure.class);
        } else if (Callback.class.isAssignableFrom(type)) {
            converted = values("address", long.class, Callback.class);
        } else if (PointerType.class.isAssignableFrom(type)) {
            converted = values("address", long.class, PointerType.class);
        } else {
            converted = values("address", long.class, Pointer.class);
        }
        return converted.asType(MethodType.methodType(long.class, type));
    }

    private static MethodHandle values(String name, Class<?> returns, Class<?>... takes)
            throws ReflectiveOperationException {
        return LOOKUP.findStatic(JnaValues.class, name, MethodType.methodType(returns, takes));
    }
}
