package dev.callgate.ffm;

import dev.callgate.internal.ReturnValues;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The value native code gets when the target does not run, checked against the return layout at build(). */
final class UpcallDefaults {

    private UpcallDefaults() {}

    /**
     * @return the default value boxed exactly as the return type (an {@code Integer} for {@code int}),
     *     a segment, or null for void
     * @throws IllegalArgumentException naming the upcall, what was given, what fits, and the fix
     */
    static Object fallback(String upcall, FunctionDescriptor descriptor, boolean set, Object value) {
        MemoryLayout layout = descriptor.returnLayout().orElse(null);
        if (layout == null) {
            if (set && value != null) {
                throw new IllegalArgumentException("upcall " + upcall + " returns void, so there is no default value to give"
                        + " native code; remove defaultValue(" + value + ")");
            }
            return null;
        }
        if (layout instanceof AddressLayout) {
            if (!set || value == null) {
                return MemorySegment.NULL;
            }
            if (value instanceof MemorySegment segment && segment.isNative()) {
                return segment;
            }
            throw misfit(upcall, layout, value, "a native MemorySegment (MemorySegment.NULL, or one from an arena"
                    + " that outlives the upcall)");
        }
        if (layout instanceof GroupLayout group) {
            if (!set || value == null) {
                return Arena.ofAuto().allocate(group); // zeroed; the gated handle keeps it reachable
            }
            if (value instanceof MemorySegment segment && segment.byteSize() >= group.byteSize()
                    && segment.scope().isAlive() && segment.isAccessibleBy(Thread.currentThread())) {
                // A copy the gate owns: the stub copies the default outside every handler, after the
                // application's arena may have closed, on a thread its confined arena refuses.
                return Arena.ofAuto().allocate(group).copyFrom(segment.asSlice(0, group.byteSize()));
            }
            throw misfit(upcall, layout, value, "a live MemorySegment of at least " + group.byteSize()
                    + " bytes (allocate it from an arena that outlives the upcall)");
        }
        Class<?> type = ((ValueLayout) layout).carrier();
        if (!set) {
            return ReturnValues.zeroFor(type);
        }
        Object fitted = primitive(type, value);
        if (fitted == null) {
            throw misfit(upcall, layout, value, "a " + type + " value, e.g. defaultValue(" + example(type) + ")");
        }
        return fitted;
    }

    /** How the diagnostic lines say the default value. */
    static String describe(FunctionDescriptor descriptor, Object fallback) {
        MemoryLayout layout = descriptor.returnLayout().orElse(null);
        if (layout == null) {
            return "nothing";
        }
        if (layout instanceof AddressLayout) {
            MemorySegment pointer = (MemorySegment) fallback;
            return pointer.address() == 0 ? "NULL" : "0x" + Long.toHexString(pointer.address());
        }
        if (layout instanceof GroupLayout) {
            return "a " + layout.byteSize() + "-byte struct (the default value)";
        }
        return String.valueOf(fallback);
    }

    private static IllegalArgumentException misfit(String upcall, MemoryLayout layout, Object value, String fits) {
        String given = value == null ? "null" : value + " (" + value.getClass().getName() + ")";
        return new IllegalArgumentException("upcall " + upcall + ": the default value " + given
                + " does not fit the descriptor's return layout " + layout + "; pass " + fits
                + ", or omit defaultValue(...) for zero");
    }

    /** {@code value} as exactly {@code type}'s box when it converts without loss; otherwise null. */
    private static Object primitive(Class<?> type, Object value) {
        if (type == boolean.class) {
            return value instanceof Boolean ? value : null;
        }
        if (type == char.class) {
            if (value instanceof Character) {
                return value;
            }
            Long n = integral(value);
            return n != null && n >= Character.MIN_VALUE && n <= Character.MAX_VALUE ? (char) n.longValue() : null;
        }
        if (type == float.class || type == double.class) {
            double d;
            if (value instanceof Double || value instanceof Float) {
                d = ((Number) value).doubleValue();
            } else {
                Long n = integral(value);
                if (n == null || (long) (double) n.longValue() != n.longValue()) {
                    return null; // not a number, or a long too large to be exact
                }
                d = n.longValue();
            }
            if (type == double.class) {
                return d;
            }
            float f = (float) d;
            return (double) f == d || Double.isNaN(d) ? f : null;
        }
        Long n = integral(value);
        if (n == null) {
            return null;
        }
        long v = n;
        if (type == byte.class) {
            return v == (byte) v ? (byte) v : null;
        }
        if (type == short.class) {
            return v == (short) v ? (short) v : null;
        }
        if (type == int.class) {
            return v == (int) v ? (int) v : null;
        }
        return v; // long
    }

    private static Long integral(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Character c) {
            return (long) c;
        }
        return null;
    }

    private static String example(Class<?> type) {
        if (type == boolean.class) {
            return "false";
        }
        if (type == char.class) {
            return "'\\0'";
        }
        if (type == long.class) {
            return "-1L";
        }
        if (type == float.class || type == double.class) {
            return "-1.0";
        }
        return "-1";
    }
}
