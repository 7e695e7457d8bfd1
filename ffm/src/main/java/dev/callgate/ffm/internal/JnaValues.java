package dev.callgate.ffm.internal;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.NativeMapped;
import com.sun.jna.NativeMappedConverter;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The conversions between native values and a callback's JNA types, each as JNA's callback
 * dispatch makes it ({@code CallbackReference.DefaultCallbackProxy}): the FFM route's stub calls
 * these through method handles. Addresses arrive and leave as {@code long}s (64-bit only).
 */
final class JnaValues {

    /**
     * Native strings returned to native code, each kept until the Java string it was made from is
     * collected: JNA's rule for returned strings.
     */
    private static final Map<Object, Memory> RETURNED_STRINGS = Collections.synchronizedMap(new WeakHashMap<>());

    private JnaValues() {}

    // native -> JNA: the arguments

    static Pointer pointer(long address) {
        return address == 0 ? null : new Pointer(address);
    }

    static boolean bool(int value) {
        return value != 0;
    }

    static char wchar(int value) {
        return (char) value;
    }

    static NativeLong nativeLong(long value) {
        return new NativeLong(value);
    }

    static NativeLong nativeLong(int value) {
        return new NativeLong(value);
    }

    static String string(String encoding, long address) {
        return address == 0 ? null : new Pointer(address).getString(0, encoding);
    }

    static WString wstring(long address) {
        return address == 0 ? null : new WString(new Pointer(address).getWideString(0));
    }

    /**
     * A structure by reference over native memory, read unless its auto-read is off. JNA skips the
     * read when the structure's constructor already read (a package-private check); reading again
     * reads the same memory, so the body sees the same fields.
     */
    static Structure structure(Class<? extends Structure> type, long address) {
        if (address == 0) {
            return null;
        }
        Structure s = Structure.newInstance(type, new Pointer(address));
        s.autoRead();
        return s;
    }

    static Callback callback(Class<?> type, long address) {
        return address == 0 ? null : CallbackReference.getCallback(type, new Pointer(address));
    }

    /** A {@link PointerType}, made as JNA makes it (null for a null pointer). */
    static Object pointerType(NativeMappedConverter converter, long address) {
        return converter.fromNative(pointer(address), null);
    }

    /** After the body, as JNA does: every structure argument written back, unless its auto-write is off. */
    static void writeStructures(Object[] arguments) {
        for (Object a : arguments) {
            if (a instanceof Structure && !(a instanceof Structure.ByValue)) {
                ((Structure) a).autoWrite();
            }
        }
    }

    /** {@link #writeStructures} for a body that returns a value, which passes through. */
    static Object writeStructures(Object returned, Object[] arguments) {
        writeStructures(arguments);
        return returned;
    }

    // JNA -> native: the return value

    static long address(Pointer p) {
        return Pointer.nativeValue(p);
    }

    static int bool(boolean value) {
        return value ? -1 : 0; // JNA's Function.INTEGER_TRUE
    }

    static int wchar(char value) {
        return value;
    }

    static long nativeLongValue(NativeLong value) {
        return value == null ? 0 : value.longValue();
    }

    static int nativeLongInt(NativeLong value) {
        return value == null ? 0 : value.intValue();
    }

    static long address(PointerType value) {
        return value == null ? 0 : Pointer.nativeValue(value.getPointer());
    }

    /** A structure by reference: its address, as JNA returns it (not written first). */
    static long address(Structure value) {
        return value == null ? 0 : Pointer.nativeValue(value.getPointer());
    }

    static long address(Callback value) {
        return value == null ? 0 : Pointer.nativeValue(CallbackReference.getFunctionPointer(value));
    }

    /**
     * A returned string in JNA's default encoding ({@code jna.encoding}, else the platform's), read
     * at each return: JNA's dispatch encodes returned strings so (its {@code NativeString}), not in
     * the library's {@code STRING_ENCODING}, which applies to string arguments only.
     */
    static long nativeString(String value) {
        if (value == null) {
            return 0;
        }
        byte[] bytes = Native.toByteArray(value, Native.getDefaultStringEncoding()); // NUL-terminated
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        RETURNED_STRINGS.put(value, m);
        return Pointer.nativeValue(m);
    }

    static long nativeWideString(WString value) {
        if (value == null) {
            return 0;
        }
        String s = value.toString();
        Memory m = new Memory((s.length() + 1L) * Native.WCHAR_SIZE);
        m.setWideString(0, s);
        RETURNED_STRINGS.put(value, m);
        return Pointer.nativeValue(m);
    }

    /** Whether {@code type} is a {@link NativeMapped} the route converts: {@link PointerType} and {@link NativeLong}. */
    static boolean convertedNativeMapped(Class<?> type) {
        return PointerType.class.isAssignableFrom(type) || type == NativeLong.class;
    }
}
