package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.DefaultTypeMapper;
import com.sun.jna.FromNativeContext;
import com.sun.jna.FromNativeConverter;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeMapped;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ToNativeContext;
import com.sun.jna.TypeConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The callback shapes the FFM route leaves to JNA, and real native code that calls them: libc's
 * {@code qsort} and {@code src/test/c/jna_fallbacks.c}, compiled with gcc on first use.
 */
final class FallbackCallers {

    private FallbackCallers() {}

    /** {@code typedef struct { int a; int b; } pair;} */
    @Structure.FieldOrder({"a", "b"})
    public static class Pair extends Structure {
        public int a;
        public int b;

        /** By value, as the C callers pass and take it. */
        public static class ByValue extends Pair implements Structure.ByValue {}
    }

    /** A comparator's answer, which a TypeMapper turns into C's int (public: JNA's proxies must see it). */
    public enum Order {
        BEFORE, SAME, AFTER;

        static Order of(int comparison) {
            return comparison < 0 ? BEFORE : comparison == 0 ? SAME : AFTER;
        }
    }

    /** A comparator's answer as a {@link NativeMapped} (C int); JNA needs the public no-argument constructor. */
    public static final class Sign implements NativeMapped {
        private final int value;

        public Sign() {
            this(0);
        }

        Sign(int value) {
            this.value = Integer.signum(value);
        }

        @Override
        public Object fromNative(Object nativeValue, FromNativeContext context) {
            return new Sign((Integer) nativeValue);
        }

        @Override
        public Object toNative() {
            return value;
        }

        @Override
        public Class<?> nativeType() {
            return int.class;
        }
    }

    /** Callers of callbacks whose types the library's TypeMapper converts. */
    public interface Mapped extends Library {
        /** {@code Order} to C int and back; and a vararg (an {@code Object[]}) from the C int passed. */
        Map<String, Object> OPTIONS = Map.of(Library.OPTION_TYPE_MAPPER, mapper());

        /** {@code int (*)(const void *, const void *)} answering an {@link Order}. */
        interface OrderComparator extends Callback {
            Order compare(Pointer a, Pointer b);
        }

        /** {@code int (*)(int, ...)}: the ints after the count arrive as the vararg array (one, mapped). */
        interface Variadic extends Callback {
            int invoke(int count, Object... rest);
        }

        void fallback_sort(Pointer base, long count, long size, OrderComparator comparator);

        int fallback_variadic(Variadic cb, int x);

        private static DefaultTypeMapper mapper() {
            DefaultTypeMapper mapper = new DefaultTypeMapper();
            mapper.addTypeConverter(Order.class, new TypeConverter() {
                @Override
                public Object toNative(Object value, ToNativeContext context) {
                    return ((Order) value).ordinal() - 1;
                }

                @Override
                public Object fromNative(Object nativeValue, FromNativeContext context) {
                    return Order.of((Integer) nativeValue);
                }

                @Override
                public Class<?> nativeType() {
                    return int.class;
                }
            });
            mapper.addFromNativeConverter(Object[].class, new FromNativeConverter() {
                @Override
                public Object fromNative(Object nativeValue, FromNativeContext context) {
                    return new Object[] {nativeValue};
                }

                @Override
                public Class<?> nativeType() {
                    return int.class;
                }
            });
            return mapper;
        }
    }

    /** The other callers, without options. */
    public interface Plain extends Library {
        /** {@code int (*)(const void *, const void *)} answering a {@link Sign}. */
        interface SignComparator extends Callback {
            Sign compare(Pointer a, Pointer b);
        }

        /** {@code int (*)(pair)} */
        interface PairArgument extends Callback {
            int invoke(Pair.ByValue pair);
        }

        /** {@code pair (*)(int)} */
        interface PairResult extends Callback {
            Pair.ByValue invoke(int x);
        }

        void fallback_sort(Pointer base, long count, long size, SignComparator comparator);

        int fallback_pair_argument(PairArgument cb, int a, int b);

        int fallback_pair_result(PairResult cb, int x);
    }

    private static Path library;

    /** {@code jna_fallbacks.c}, compiled once per JVM. */
    static synchronized String library() throws Exception {
        if (library == null) {
            Path dir = Files.createTempDirectory("callgate-jna-fallbacks");
            Path so = dir.resolve("libjnafallbacks.so");
            Path source = Path.of("src/test/c/jna_fallbacks.c").toAbsolutePath();
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", so.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes());
            assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed: " + output);
            so.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            library = so;
        }
        return library.toString();
    }

    /** The compiled library as {@code type}, with the options {@code type} declares (as JNA's users pass them). */
    static <L extends Library> L load(Class<L> type, Map<String, ?> options) throws Exception {
        return Native.load(library(), type, options);
    }
}
