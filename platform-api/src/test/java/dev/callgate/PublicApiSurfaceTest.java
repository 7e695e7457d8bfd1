package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code javap -public} shows of package {@code dev.callgate} names no type from
 * {@code dev.callgate.spi} or {@code dev.callgate.internal}: an application sees the gate, not its
 * plumbing.
 */
class PublicApiSurfaceTest {

    @Test
    void noPublicSignatureInTheApiNamesAnSpiOrInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> publicTypes = publicTypesOfTheApiPackage();
        for (Class<?> type : publicTypes) {
            for (Method m : type.getDeclaredMethods()) {
                if (isVisible(m.getModifiers(), type)) {
                    check(leaks, m.toGenericString(), signatureTypes(m));
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (isVisible(c.getModifiers(), type)) {
                    check(leaks, c.toGenericString(), signatureTypes(c));
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (isVisible(f.getModifiers(), type)) {
                    check(leaks, f.toGenericString(), List.of(f.getGenericType()));
                }
            }
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    check(leaks, type.getName() + "." + rc.getName(), List.of(rc.getGenericType()));
                }
            }
            check(leaks, type.getName() + " supertypes", Stream.concat(Stream.of(type.getGenericSuperclass()),
                    Stream.of(type.getGenericInterfaces())).filter(t -> t != null).toList());
        }
        assertTrue(publicTypes.size() >= 10, "found the API's public types: " + publicTypes);
        assertEquals(List.of(), leaks);
    }

    private static boolean isVisible(int modifiers, Class<?> owner) {
        return Modifier.isPublic(modifiers) || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
    }

    private static List<Type> signatureTypes(Executable e) {
        List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
        types.addAll(List.of(e.getGenericExceptionTypes()));
        if (e instanceof Method m) {
            types.add(m.getGenericReturnType());
        }
        return types;
    }

    private static void check(List<String> leaks, String where, List<Type> types) {
        for (Type t : types) {
            String name = t.getTypeName();
            if (name.contains("dev.callgate.spi.") || name.contains("dev.callgate.internal.")) {
                leaks.add(where + " names " + name);
            }
        }
    }

    private static List<Class<?>> publicTypesOfTheApiPackage() throws URISyntaxException, Exception {
        Path dir = Path.of(CallGate.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/callgate");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("dev.callgate." + simple, false,
                        CallGate.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                    types.add(type);
                }
            }
        }
        return types;
    }
}
