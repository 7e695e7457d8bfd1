package dev.callgate.spi.contract;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The C data models callgate's backends meet, with the size of each C type they use and the
 * width JNA gives each Java type in a mapping. Written down here, independent of the machine the
 * test runs on, so that a 64-bit build machine checks the 32-bit mappings too.
 */
public enum CDataModel {
    /** 32-bit Unix and 32-bit Windows: int, long and pointers are 4 bytes. */
    ILP32(4, 4),
    /** 64-bit Unix (macOS, FreeBSD, Linux): long and pointers are 8 bytes. */
    LP64(8, 8),
    /** 64-bit Windows: long stays 4 bytes, pointers are 8. */
    LLP64(4, 8);

    final int longSize;
    final int pointerSize;

    CDataModel(int longSize, int pointerSize) {
        this.longSize = longSize;
        this.pointerSize = pointerSize;
    }

    /** {@code sizeof(type)} in this model; {@code type} as a man page spells it, without names. */
    public int sizeOf(String type) {
        String t = normalize(type);
        if (t.endsWith("*")) {
            return pointerSize;
        }
        return switch (t) {
            case "void" -> 0;
            case "char", "unsigned char", "BYTE" -> 1;
            case "int", "unsigned int", "UINT", "BOOL", "DWORD", "int32_t", "uint32_t", "pid_t" -> 4;
            case "long", "unsigned long" -> longSize;
            case "int64_t", "uint64_t", "long long" -> 8;
            case "size_t", "ssize_t", "SIZE_T", "SSIZE_T", "intptr_t", "uintptr_t" -> pointerSize;
            case "pthread_t", "HANDLE", "LPVOID", "LPCVOID", "LPDWORD", "LPOVERLAPPED" -> pointerSize;
            default -> throw new IllegalArgumentException("no size known for the C type \"" + type + "\"");
        };
    }

    /** The type a C pointer type points to, or empty for {@code void *} and structures. */
    public static Optional<String> pointee(String type) {
        String t = normalize(type);
        if (t.endsWith("*")) {
            String target = t.substring(0, t.length() - 1).trim();
            return target.equals("void") ? Optional.empty() : Optional.of(target);
        }
        return t.equals("LPDWORD") ? Optional.of("DWORD") : Optional.empty();
    }

    /** The bytes JNA passes for a Java parameter or return type in this model. */
    public int javaWidthOf(Class<?> type) {
        if (type == void.class) {
            return 0;
        }
        if (type == boolean.class || type == int.class) {
            return 4; // JNA passes a Java boolean as a C int
        }
        if (type == long.class) {
            return 8;
        }
        if (type == short.class) {
            return 2;
        }
        if (type == byte.class) {
            return 1;
        }
        if (type == NativeLong.class) {
            return longSize;
        }
        if (type.isArray() || Pointer.class.isAssignableFrom(type) || PointerType.class.isAssignableFrom(type)
                || Structure.class.isAssignableFrom(type) || type == String.class) {
            return pointerSize; // passed by address
        }
        throw new IllegalArgumentException("no width rule for the Java type " + type.getName());
    }

    /** The size of what a Java pointer-like type points to, or empty when JNA does not fix it. */
    public OptionalInt javaPointeeWidthOf(Class<?> type) {
        if (type == long[].class || type == LongByReference.class) {
            return OptionalInt.of(8);
        }
        if (type == int[].class || type == IntByReference.class) {
            return OptionalInt.of(4);
        }
        if (type == short[].class) {
            return OptionalInt.of(2);
        }
        if (type == byte[].class) {
            return OptionalInt.of(1);
        }
        if (type == NativeLongByReference.class) {
            return OptionalInt.of(longSize);
        }
        return OptionalInt.empty();
    }

    /** Drops {@code const} and spells every pointer as {@code "T *"}. */
    private static String normalize(String type) {
        return type.replace("const", " ").replaceAll("\\s*\\*", " *").replaceAll("\\s+", " ").trim();
    }
}
