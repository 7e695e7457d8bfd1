package dev.callgate.agent;

import dev.callgate.internal.Lines;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Checks, from the class files alone (nothing is loaded), that a JNA has the private members the
 * agent hooks. They are the same from JNA 3.5.0 to 5.19.1, but private, so a later JNA may differ:
 * then the agent leaves JNA alone and says so.
 */
final class JnaShape {

    static final String REFERENCE = "com/sun/jna/CallbackReference";
    static final String PROXY = "com/sun/jna/CallbackReference$DefaultCallbackProxy";
    static final String CONVERT_DESCRIPTOR = "(Lcom/sun/jna/Callback;Z)Lcom/sun/jna/Pointer;";
    static final String LOOKUP_DESCRIPTOR = "(Ljava/lang/Class;Lcom/sun/jna/Pointer;Z)Lcom/sun/jna/Callback;";
    static final String INVOKE_OWNER = "java/lang/reflect/Method";
    static final String INVOKE_DESCRIPTOR = "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";

    private JnaShape() {}

    /** JNA's classes the agent's own code links against, besides the two it rewrites. */
    private static final List<String> LINKED = List.of("com/sun/jna/Callback", "com/sun/jna/Callback$UncaughtExceptionHandler",
            "com/sun/jna/CallbackThreadInitializer", "com/sun/jna/Native", "com/sun/jna/Pointer",
            "com/sun/jna/CallbackProxy", "com/sun/jna/AltCallingConvention");

    /** What is missing in the JNA that {@code loader} sees, or an empty list when everything is there. */
    static List<String> missing(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader);
        for (String linked : LINKED) {
            if (bytes(locator, linked) == null) {
                missing.add("class " + linked);
            }
        }
        byte[] reference = bytes(locator, REFERENCE);
        byte[] proxy = bytes(locator, PROXY);
        if (reference == null) {
            missing.add("class " + REFERENCE);
        } else {
            Members m = scan(reference);
            if (!m.convert) {
                missing.add("static CallbackReference.getFunctionPointer(Callback, boolean)");
            }
            if (!m.lookup) {
                missing.add("static CallbackReference.getCallback(Class, Pointer, boolean)");
            }
            if (!m.initializers) {
                missing.add("static Map CallbackReference.initializers");
            }
        }
        if (proxy == null) {
            missing.add("class " + PROXY);
        } else {
            Members m = scan(proxy);
            if (!m.callback) {
                missing.add("DefaultCallbackProxy.callback(Object[])");
            }
            if (m.reflectiveCalls != 1) {
                missing.add("exactly one Method.invoke in DefaultCallbackProxy.callback/invokeCallback (found "
                        + m.reflectiveCalls + ")");
            }
        }
        return missing;
    }

    /**
     * The one line for a JNA the agent cannot hook (what, why, how to fix); on System.err, not through
     * the OS backend, which is built on this same JNA.
     */
    static String unsupportedLine(ClassLoader loader, List<String> missing) {
        return Lines.agentJnaUnsupported(version(loader), missing);
    }

    /** JNA's version from the manifest of the jar that holds {@code CallbackReference}, or "(unknown version)". */
    static String version(ClassLoader loader) {
        try {
            URL url = loader == null ? ClassLoader.getSystemResource(REFERENCE + ".class")
                    : loader.getResource(REFERENCE + ".class");
            if (url != null) {
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar) {
                    Manifest manifest = jar.getManifest();
                    if (manifest != null) {
                        String v = manifest.getMainAttributes().getValue("Bundle-Version");
                        if (v == null) {
                            v = manifest.getMainAttributes().getValue("Implementation-Version");
                        }
                        if (v != null) {
                            return v;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "(unknown version)";
    }

    /** Whether {@code owner.name descriptor} is the reflective call that runs a callback body. */
    static boolean isBodyCall(int opcode, String owner, String name, String descriptor) {
        return opcode == Opcodes.INVOKEVIRTUAL && INVOKE_OWNER.equals(owner) && "invoke".equals(name)
                && INVOKE_DESCRIPTOR.equals(descriptor);
    }

    /** The methods of DefaultCallbackProxy in which the agent replaces that call. */
    static boolean isDispatchMethod(String name) {
        return name.equals("invokeCallback") || name.equals("callback");
    }

    private static byte[] bytes(ClassFileLocator locator, String internalName) {
        try {
            ClassFileLocator.Resolution resolution = locator.locate(internalName.replace('/', '.'));
            return resolution.isResolved() ? resolution.resolve() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Members scan(byte[] classFile) {
        Members found = new Members();
        new ClassReader(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.equals("initializers") && descriptor.equals("Ljava/util/Map;")
                        && (access & Opcodes.ACC_STATIC) != 0) {
                    found.initializers = true;
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (name.equals("getFunctionPointer") && descriptor.equals(CONVERT_DESCRIPTOR)
                        && (access & Opcodes.ACC_STATIC) != 0) {
                    found.convert = true;
                }
                if (name.equals("getCallback") && descriptor.equals(LOOKUP_DESCRIPTOR)
                        && (access & Opcodes.ACC_STATIC) != 0) {
                    found.lookup = true;
                }
                if (name.equals("callback") && descriptor.equals("([Ljava/lang/Object;)Ljava/lang/Object;")) {
                    found.callback = true;
                }
                if (!isDispatchMethod(name)) {
                    return null;
                }
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (isBodyCall(opcode, owner, method, desc)) {
                            found.reflectiveCalls++;
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }

    private static final class Members {
        boolean convert;
        boolean lookup;
        boolean initializers;
        boolean callback;
        int reflectiveCalls;
    }
}
