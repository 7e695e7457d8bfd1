package dev.callgate.ffm.jna;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/c/jna_shapes.c}, compiled with gcc into {@code target/} at first use, bound with
 * JNA: one native caller per callback shape. Each {@code call_*} calls the callback it is given
 * with the values it is given and returns what the callback returned, on the calling thread or,
 * with {@code onThread} 1, on a new pthread.
 */
public interface JnaShapes extends Library {

    /** The compiled library's path (compiled once per JVM). */
    static String path() {
        return Compiled.PATH;
    }

    /** Compiles the C source once. */
    final class Compiled {
        static final String PATH = compile();

        private Compiled() {}

        private static String compile() {
            try {
                Path source = Path.of("src/test/c/jna_shapes.c").toAbsolutePath();
                Path dir = Files.createDirectories(Path.of("target/jna-shapes").toAbsolutePath());
                Path library = dir.resolve("libjnashapes-" + ProcessHandle.current().pid() + ".so");
                Process gcc = new ProcessBuilder("gcc", "-Wall", "-O1", "-shared", "-fPIC", "-o", library.toString(),
                        source.toString(), "-lpthread").redirectErrorStream(true).start();
                String output = new String(gcc.getInputStream().readAllBytes());
                if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                    throw new IllegalStateException("gcc could not build " + source + " (needs gcc): " + output);
                }
                return library.toString();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run gcc for the JNA shapes library: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while gcc built the JNA shapes library", e);
            }
        }
    }

    /** The library, interface-mapped with JNA's default options. */
    JnaShapes LIB = Native.load(path(), JnaShapes.class);

    interface BooleanCb extends Callback {
        boolean invoke(boolean a, boolean b);
    }

    interface ByteCb extends Callback {
        byte invoke(byte a, byte b);
    }

    interface ShortCb extends Callback {
        short invoke(short a, short b);
    }

    interface CharCb extends Callback {
        char invoke(char a, char b);
    }

    interface IntCb extends Callback {
        int invoke(int a, int b);
    }

    interface LongCb extends Callback {
        long invoke(long a, long b);
    }

    interface FloatCb extends Callback {
        float invoke(float a, float b);
    }

    interface DoubleCb extends Callback {
        double invoke(double a, double b);
    }

    interface NativeLongCb extends Callback {
        NativeLong invoke(NativeLong a, NativeLong b);
    }

    interface PointerCb extends Callback {
        Pointer invoke(Pointer a, Pointer b);
    }

    /** A {@link PointerType} subclass: an opaque handle. */
    final class Handle extends PointerType {
        public Handle() {}

        public Handle(long address) {
            super(new Pointer(address));
        }
    }

    interface HandleCb extends Callback {
        Handle invoke(Handle a, Handle b);
    }

    interface VoidCb extends Callback {
        void invoke(int a, double b);
    }

    interface MixedCb extends Callback {
        double invoke(byte a, short b, int c, long d, float e, double f, char g, NativeLong h, Pointer i, int j,
                double k, long l, float m, byte n);
    }

    interface StringCb extends Callback {
        String invoke(String a, String b);
    }

    interface WStringCb extends Callback {
        WString invoke(WString a, WString b);
    }

    /** {@code struct rec { int32_t i; int64_t l; double d; void *p; char s[8]; }} */
    @Structure.FieldOrder({"i", "l", "d", "p", "s"})
    class Rec extends Structure {
        public int i;
        public long l;
        public double d;
        public Pointer p;
        public byte[] s = new byte[8];

        public Rec() {}

        public Rec(Pointer memory) {
            super(memory);
        }

        /** The fields, for comparing. */
        List<Object> fields() {
            return List.of(i, l, d, Pointer.nativeValue(p), new String(s, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    interface StructCb extends Callback {
        void invoke(Rec r);
    }

    interface StructReturnCb extends Callback {
        Rec invoke(Rec r);
    }

    interface Int1Cb extends Callback {
        int invoke(int v);
    }

    interface CallbackArgCb extends Callback {
        int invoke(Int1Cb f, int x);
    }

    interface CallbackReturnCb extends Callback {
        Int1Cb invoke(int x);
    }

    int call_boolean(BooleanCb cb, int a, int b, int onThread); // an int: the value native code gets for true

    byte call_byte(ByteCb cb, byte a, byte b, int onThread);

    short call_short(ShortCb cb, short a, short b, int onThread);

    int call_wchar(CharCb cb, int a, int b, int onThread); // ints: wchar_t values past 0xFFFF

    int call_int(IntCb cb, int a, int b, int onThread);

    long call_long(LongCb cb, long a, long b, int onThread);

    float call_float(FloatCb cb, float a, float b, int onThread);

    double call_double(DoubleCb cb, double a, double b, int onThread);

    NativeLong call_nativelong(NativeLongCb cb, NativeLong a, NativeLong b, int onThread);

    Pointer call_pointer(PointerCb cb, Pointer a, Pointer b, int onThread);

    Pointer call_handle(HandleCb cb, Pointer a, Pointer b, int onThread);

    void call_void(VoidCb cb, int a, double b, int onThread);

    double call_mixed(MixedCb cb, int onThread);

    Pointer call_string(StringCb cb, Pointer a, Pointer b, int onThread);

    Pointer call_wstring(WStringCb cb, Pointer a, Pointer b, int onThread);

    void shapes_free(Pointer p);

    void call_struct(StructCb cb, Rec in, Rec out, int onThread);

    int call_struct_ret(StructReturnCb cb, Rec in, Rec out, Rec argAfter, int onThread);

    int call_callback_arg(CallbackArgCb cb, int x, int passNull, int onThread);

    int call_callback_ret(CallbackReturnCb cb, int x, int onThread);

    Pointer shapes_add_thousand();

    /**
     * The same library with a non-default string encoding (ISO-8859-1) in its options: JNA reads the
     * encoding of a callback's strings from the library its interface is declared in.
     */
    interface Latin1 extends Library {
        Latin1 LIB = Native.load(path(), Latin1.class, Map.of(Library.OPTION_STRING_ENCODING, "ISO-8859-1"));

        interface Latin1StringCb extends Callback {
            String invoke(String a, String b);
        }

        Pointer call_string(Latin1StringCb cb, Pointer a, Pointer b, int onThread);
    }

    /** The same library, direct-mapped ({@code Native.register}): JNA's direct callbacks on its route. */
    final class Direct {
        static {
            Native.register(Direct.class, path());
        }

        private Direct() {}

        public interface DirectIntCb extends Callback {
            int invoke(int a, int b);
        }

        public interface DirectBooleanCb extends Callback {
            boolean invoke(boolean a, boolean b);
        }

        public interface DirectStringCb extends Callback {
            String invoke(String a, String b);
        }

        public static native int call_int(DirectIntCb cb, int a, int b, int onThread);

        public static native int call_boolean(DirectBooleanCb cb, int a, int b, int onThread);

        public static native Pointer call_string(DirectStringCb cb, Pointer a, Pointer b, int onThread);

        public static native Pointer call_string(Latin1.Latin1StringCb cb, Pointer a, Pointer b, int onThread);
    }
}
