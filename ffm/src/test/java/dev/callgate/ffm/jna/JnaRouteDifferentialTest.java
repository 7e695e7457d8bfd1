package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import dev.callgate.CallbackRoute;
import dev.callgate.ffm.jna.JnaShapes.Direct;
import dev.callgate.ffm.jna.JnaShapes.Handle;
import dev.callgate.ffm.jna.JnaShapes.Int1Cb;
import dev.callgate.ffm.jna.JnaShapes.Latin1;
import dev.callgate.ffm.jna.JnaShapes.Rec;
import dev.callgate.ffm.jna.ThreeRoutes.Outcome;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every callback shape the FFM route takes, through plain JNA, callgate's JNA route and callgate's
 * FFM route, called by real native code ({@code jna_shapes.c}) on the calling thread and on a new
 * pthread: the body sees the same values and native code gets the same results on all three, and
 * those are the values the C side passed and expects.
 */
class JnaRouteDifferentialTest {

    private static final JnaShapes LIB = JnaShapes.LIB;

    @Test
    void booleans() {
        List<Object> got = differential(JnaShapes.BooleanCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a ^ b;
        }, (cb, t) -> List.of(LIB.call_boolean(cb, 0, 1, t), LIB.call_boolean(cb, 2, 0, t),
                LIB.call_boolean(cb, -1, 256, t), LIB.call_boolean(cb, 0, 0, t)));
        assertEquals(List.of(-1, -1, 0, 0), got.subList(0, 4), "JNA returns true as -1");
    }

    @Test
    void bytesShortsInts() {
        differential(JnaShapes.ByteCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return (byte) (a + b);
        }, (cb, t) -> List.of(LIB.call_byte(cb, (byte) -128, (byte) 127, t), LIB.call_byte(cb, (byte) 100, (byte) 100, t)));
        differential(JnaShapes.ShortCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return (short) (a * b);
        }, (cb, t) -> List.of(LIB.call_short(cb, Short.MIN_VALUE, (short) -1, t), LIB.call_short(cb, (short) 300, (short) 300, t)));
        List<Object> ints = differential(JnaShapes.IntCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a - b;
        }, (cb, t) -> List.of(LIB.call_int(cb, Integer.MIN_VALUE, 1, t), LIB.call_int(cb, 7, -5, t)));
        assertEquals(List.of(Integer.MAX_VALUE, 12), ints.subList(0, 2));
    }

    @Test
    void longsFloatsDoubles() {
        differential(JnaShapes.LongCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a ^ b;
        }, (cb, t) -> List.of(LIB.call_long(cb, Long.MIN_VALUE, 0x0123456789ABCDEFL, t), LIB.call_long(cb, -1, 1, t)));
        List<Object> floats = differential(JnaShapes.FloatCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a * b;
        }, (cb, t) -> List.of(LIB.call_float(cb, 1.5f, -0.0f, t), LIB.call_float(cb, Float.NaN, Float.MIN_VALUE, t),
                LIB.call_float(cb, Float.MAX_VALUE, 2f, t)));
        assertEquals(List.of(-0.0f, Float.NaN, Float.POSITIVE_INFINITY), floats.subList(0, 3));
        differential(JnaShapes.DoubleCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a / b;
        }, (cb, t) -> List.of(LIB.call_double(cb, 1.0, 3.0, t), LIB.call_double(cb, -Double.MIN_VALUE, 0.0, t)));
    }

    /** Java's char is C's wchar_t (4 bytes here): values past 0xFFFF are cut to a char, as JNA cuts them. */
    @Test
    void chars() {
        Outcome o = outcomes(JnaShapes.CharCb.class, seen -> (a, b) -> {
            seen.add(List.of((int) a, (int) b));
            return (char) (a + b);
        }, (cb, t) -> List.of(LIB.call_wchar(cb, 'A', 0xE9, t), LIB.call_wchar(cb, 0x1F600, -1, t),
                LIB.call_wchar(cb, 0xFFFF, 1, t)));
        assertEquals(List.of(List.of(65, 0xE9), List.of(0xF600, 0xFFFF), List.of(0xFFFF, 1)), o.seen().subList(0, 3));
        assertEquals(List.of('A' + 0xE9, 0xF5FF, 0), o.got().subList(0, 3));
    }

    @Test
    void nativeLongsWithANullReturn() {
        List<Object> got = differential(JnaShapes.NativeLongCb.class, seen -> (a, b) -> {
            seen.add(List.of(a.longValue(), b.longValue()));
            return a.longValue() == 0 ? null : new NativeLong(a.longValue() + b.longValue());
        }, (cb, t) -> List.of(LIB.call_nativelong(cb, new NativeLong(Long.MIN_VALUE), new NativeLong(-1), t).longValue(),
                LIB.call_nativelong(cb, new NativeLong(0), new NativeLong(5), t).longValue()));
        assertEquals(List.of(Long.MAX_VALUE, 0L), got.subList(0, 2));
    }

    @Test
    void pointersAndNullPointers() {
        List<Object> got = differential(JnaShapes.PointerCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(show(a), show(b)));
            return b;
        }, (cb, t) -> List.of(show(LIB.call_pointer(cb, new Pointer(0xDEADBEEFL), null, t)),
                show(LIB.call_pointer(cb, null, new Pointer(-4096L), t))));
        assertEquals(List.of("NULL", "0xfffffffffffff000"), got.subList(0, 2));
    }

    @Test
    void pointerTypesAndNullOnes() {
        Outcome o = outcomes(JnaShapes.HandleCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(show(a), show(b)));
            return a == null ? new Handle(0x5150L) : a;
        }, (cb, t) -> List.of(show(LIB.call_handle(cb, new Pointer(0x1000), null, t)),
                show(LIB.call_handle(cb, null, new Pointer(0x2000), t))));
        assertEquals(Arrays.asList("Handle@0x1000", "NULL"), o.seen().get(0));
        assertEquals(List.of("0x1000", "0x5150"), o.got().subList(0, 2));
    }

    @Test
    void voidAndManyMixedArguments() {
        Outcome v = outcomes(JnaShapes.VoidCb.class, seen -> (a, b) -> seen.add(List.of(a, b)), (cb, t) -> {
            LIB.call_void(cb, -3, 0.75, t);
            return List.of();
        });
        assertEquals(List.of(List.of(-3, 0.75), List.of(-3, 0.75)), v.seen());
        Outcome m = outcomes(JnaShapes.MixedCb.class, seen -> (a, b, c, d, e, f, g, h, i, j, k, l, mm, n) -> {
            seen.add(List.of(a, b, c, d, e, f, (int) g, h.longValue(), show(i), j, k, l, mm, n));
            return f + k;
        }, (cb, t) -> List.of(LIB.call_mixed(cb, t)));
        assertEquals(List.of((byte) -7, (short) -30000, 2000000000, -9000000000000L, 1.25f, -2.5e300, 0xE9, -123456789L,
                "0x1234", -1, 0.1, Long.MAX_VALUE, -0.0f, (byte) 127), m.seen().get(0));
    }

    /** Strings in the library's encoding (JNA's default here), non-ASCII and not valid in it too, and null. */
    @Test
    void stringsInTheDefaultEncoding() {
        Charset encoding = Charset.forName(com.sun.jna.Native.getDefaultStringEncoding());
        Memory plain = cString("plain".getBytes(StandardCharsets.US_ASCII));
        Memory accented = cString("grüße ☃ 日本 \uD83D\uDE00".getBytes(encoding));
        Memory latin1 = cString(new byte[] {'a', (byte) 0xE9, 'b'});
        Outcome o = outcomes(JnaShapes.StringCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(a, b));
            return a == null ? null : a + "|" + b + "|ö€";
        }, (cb, t) -> Arrays.asList(taken(LIB.call_string(cb, plain, accented, t)),
                taken(LIB.call_string(cb, latin1, null, t)), taken(LIB.call_string(cb, null, plain, t))));
        assertEquals(Arrays.asList("plain", new String("grüße ☃ 日本 \uD83D\uDE00".getBytes(encoding), encoding)),
                o.seen().get(0));
        assertEquals(hex(("plain|" + ((List<?>) o.seen().get(0)).get(1) + "|ö€").getBytes(encoding)), o.got().get(0));
        assertEquals(null, o.got().get(2));
    }

    /**
     * A library whose options name another encoding: its callbacks' string arguments are read in it,
     * but JNA returns their strings in its default encoding (through both kinds of binding).
     */
    @Test
    void stringsInTheLibrarysEncoding() {
        Memory latin1 = cString(new byte[] {'a', (byte) 0xE9, 'b'});
        Outcome o = outcomes(Latin1.Latin1StringCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(a, b));
            return a + "|é";
        }, (cb, t) -> List.of(taken(Latin1.LIB.call_string(cb, latin1, latin1, t)),
                taken(Direct.call_string(cb, latin1, latin1, t))));
        assertEquals(List.of("aéb", "aéb"), o.seen().get(0));
        String defaultEncoding = com.sun.jna.Native.getDefaultStringEncoding();
        String returned = hex("aéb|é".getBytes(Charset.forName(defaultEncoding)));
        assertEquals(List.of(returned, returned), o.got().subList(0, 2),
                "a returned string is in JNA's default encoding (" + defaultEncoding + "), not the library's,"
                        + " for interface-mapped and direct-mapped bindings alike");
    }

    @Test
    void wideStringsAndNull() {
        Memory plain = wide("plain");
        Memory other = wide("grüße ☃ 日本 \uD83D\uDE00");
        Outcome o = outcomes(JnaShapes.WStringCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(show(a), show(b)));
            return a == null ? null : new WString(a + "|" + b + "|ö€");
        }, (cb, t) -> Arrays.asList(wideTaken(LIB.call_wstring(cb, plain, other, t)),
                wideTaken(LIB.call_wstring(cb, null, plain, t))));
        assertEquals(Arrays.asList("W:plain", "W:grüße ☃ 日本 \uD83D\uDE00"), o.seen().get(0));
        assertEquals(Arrays.asList("plain|grüße ☃ 日本 \uD83D\uDE00|ö€", null), o.got().subList(0, 2));
    }

    /** Read before the body, written after it: the C side sees what the body wrote. */
    @Test
    void structuresByReference() {
        Outcome o = outcomes(JnaShapes.StructCb.class, seen -> r -> {
            seen.add(r.fields());
            r.i *= 2;
            r.l -= 1;
            r.d = -r.d;
            r.p = null;
            r.s = "xyz\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        }, (cb, t) -> {
            Rec out = new Rec();
            LIB.call_struct(cb, rec(), out, t);
            return List.of(out.fields());
        });
        assertEquals(rec().fields(), o.seen().get(0));
        assertEquals(List.of(14, -9L, -2.5, 0L, "xyz\0\0\0\0\0"), o.got().get(0));
    }

    /** A structure the body leaves unread and unwritten: JNA's auto-read and auto-write off. */
    @Test
    void structuresWithAutoReadAndWriteOff() {
        Outcome o = outcomes(JnaShapes.StructCb.class, seen -> r -> {
            seen.add(r.fields());
            r.setAutoWrite(false);
            r.i = 99;
        }, (cb, t) -> {
            Rec out = new Rec();
            LIB.call_struct(cb, rec(), out, t);
            return List.of(out.fields());
        });
        assertEquals(rec().fields(), o.got().get(0), "auto-write off: nothing written back");
    }

    /** Returned by reference: the argument itself, a new structure the body did not write, or null. */
    @Test
    void structuresReturned() {
        Outcome o = outcomes(JnaShapes.StructReturnCb.class, seen -> r -> {
            seen.add(r.fields());
            switch (r.i) {
                case 1:
                    r.i = 10;
                    return r;
                case 2:
                    Rec made = new Rec();
                    made.i = 20; // not written: JNA returns the address only
                    KEPT.add(made);
                    return made;
                default:
                    return null;
            }
        }, (cb, t) -> {
            List<Object> results = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Rec in = rec();
                in.i = i;
                Rec out = new Rec();
                Rec after = new Rec();
                results.add(List.of(LIB.call_struct_ret(cb, in, out, after, t), out.fields(), after.fields()));
            }
            return results;
        });
        assertEquals(List.of(1, List.of(10, -8L, 2.5, 0x1234L, "abc\0\0\0\0\0"), List.of(10, -8L, 2.5, 0x1234L,
                "abc\0\0\0\0\0")), o.got().get(0));
        List<?> made = (List<?>) o.got().get(1);
        assertEquals(1, made.get(0));
        assertEquals(0, ((List<?>) made.get(1)).get(0), "a returned structure is not written first");
        assertEquals(0, ((List<?>) o.got().get(2)).get(0), "null returned");
    }

    /** A C function pointer as an argument: the body calls it, or sees null. */
    @Test
    void callbacksAsArguments() {
        long addThousand = Pointer.nativeValue(LIB.shapes_add_thousand());
        Outcome o = outcomes(JnaShapes.CallbackArgCb.class, seen -> (f, x) -> {
            seen.add(f == null ? "NULL" : Pointer.nativeValue(CallbackReference.getFunctionPointer(f)) == addThousand);
            return f == null ? -1 : f.invoke(x) * 2;
        }, (cb, t) -> List.of(LIB.call_callback_arg(cb, 5, 0, t), LIB.call_callback_arg(cb, 5, 1, t)));
        assertEquals(List.of(true, "NULL"), o.seen().subList(0, 2));
        assertEquals(List.of(2010, -1), o.got().subList(0, 2));
    }

    /** A callback returned: a Java one (through JNA's trampoline), the C function itself, or null. */
    @Test
    void callbacksReturned() {
        Int1Cb native1000 = (Int1Cb) CallbackReference.getCallback(Int1Cb.class, LIB.shapes_add_thousand());
        Int1Cb triple = v -> v * 3;
        Outcome o = outcomes(JnaShapes.CallbackReturnCb.class, seen -> x -> {
            seen.add(x);
            return x == 1 ? triple : x == 2 ? native1000 : null;
        }, (cb, t) -> List.of(LIB.call_callback_ret(cb, 1, t), LIB.call_callback_ret(cb, 2, t),
                LIB.call_callback_ret(cb, 3, t)));
        assertEquals(List.of(3, 1002, Integer.MIN_VALUE), o.got().subList(0, 3));
    }

    /** A direct-mapped binding ({@code Native.register}) hands the FFM route's stub over as well. */
    @Test
    void directMappedBindings() {
        List<Object> ints = differential(Direct.DirectIntCb.class, seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a * b;
        }, (cb, t) -> List.of(Direct.call_int(cb, -6, 7, t)));
        assertEquals(-42, ints.get(0));
        Memory accented = cString("grüße".getBytes(Charset.forName(com.sun.jna.Native.getDefaultStringEncoding())));
        differential(Direct.DirectStringCb.class, seen -> (a, b) -> {
            seen.add(Arrays.asList(a, b));
            return a + "|" + b;
        }, (cb, t) -> Arrays.asList(taken(Direct.call_string(cb, accented, null, t))));
    }

    /**
     * The one difference between the routes: JNA's direct callbacks (made when a callback is passed
     * to a direct-mapped method) return true as 1, its interface-mapped ones as -1. The FFM route has
     * one stub for both kinds of binding and returns -1, as interface-mapped JNA does; C code that
     * tests a boolean for non-zero sees no difference.
     */
    @Test
    void directMappedBooleanReturnsAreMinusOneOnTheFfmRoute() {
        Function<List<Object>, Direct.DirectBooleanCb> body = seen -> (a, b) -> {
            seen.add(List.of(a, b));
            return a || b;
        };
        BiFunction<Direct.DirectBooleanCb, Integer, List<?>> call = (cb, t) -> List.of(Direct.call_boolean(cb, 0, 3, t),
                Direct.call_boolean(cb, 0, 0, t));
        Outcome plain = run(null, Direct.DirectBooleanCb.class, body, call);
        Outcome jna = run(CallbackRoute.JNA, Direct.DirectBooleanCb.class, body, call);
        Outcome ffm = run(CallbackRoute.FFM, Direct.DirectBooleanCb.class, body, call);
        assertEquals(plain, jna);
        assertEquals(plain.seen(), ffm.seen());
        assertEquals(List.of(1, 0, 1, 0), jna.got(), "JNA's direct callbacks return true as 1");
        assertEquals(List.of(-1, 0, -1, 0), ffm.got(), "the FFM route returns true as interface-mapped JNA does");
    }

    // ---- the three routes

    /** Structures a body returns, kept until native code has copied them. */
    private static final List<Object> KEPT = Collections.synchronizedList(new ArrayList<>());

    private static <T extends Callback> List<Object> differential(Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        return ThreeRoutes.outcomes(type, body, call).got();
    }

    private static <T extends Callback> Outcome outcomes(Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        return ThreeRoutes.outcomes(type, body, call);
    }

    private static <T extends Callback> Outcome run(CallbackRoute route, Class<T> type, Function<List<Object>, T> body,
            BiFunction<T, Integer, List<?>> call) {
        return ThreeRoutes.run(route, type, body, call);
    }

    // ---- values, comparable

    private static Rec rec() {
        Rec r = new Rec();
        r.i = 7;
        r.l = -8;
        r.d = 2.5;
        r.p = new Pointer(0x1234);
        r.s = "abc\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        return r;
    }

    static String show(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Pointer p) {
            return "0x" + Long.toHexString(Pointer.nativeValue(p));
        }
        if (value instanceof PointerType p) {
            return value.getClass().getSimpleName() + "@" + show(p.getPointer());
        }
        if (value instanceof WString w) {
            return "W:" + w;
        }
        if (value instanceof Structure s) {
            return s.toString(false);
        }
        return value.toString();
    }

    private static Memory cString(byte[] bytes) {
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    private static Memory wide(String s) {
        Memory m = new Memory((s.length() + 1L) * com.sun.jna.Native.WCHAR_SIZE);
        m.setWideString(0, s);
        return m;
    }

    /** The bytes of a string the C side copied (hex), freed; null for NULL. */
    private static String taken(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            int n = 0;
            while (p.getByte(n) != 0) {
                n++;
            }
            return hex(p.getByteArray(0, n));
        } finally {
            LIB.shapes_free(p);
        }
    }

    private static String wideTaken(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.getWideString(0);
        } finally {
            LIB.shapes_free(p);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
