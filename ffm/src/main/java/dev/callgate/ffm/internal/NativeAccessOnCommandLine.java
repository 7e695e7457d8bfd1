package dev.callgate.ffm.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Whether the java command itself enabled native access for the class path: the flag
 * {@code --enable-native-access=...,ALL-UNNAMED,...} (as typed, in {@code JDK_JAVA_OPTIONS},
 * {@code JAVA_TOOL_OPTIONS} or an argument file: the JVM lists each as its input argument), or
 * {@code Enable-Native-Access: ALL-UNNAMED} in the manifest of the jar {@code java -jar} runs.
 *
 * <p>{@code Module.isNativeAccessEnabled()} alone cannot tell: since JDK 24, after the first
 * restricted call from the class path warns (JNA's {@code System.load}, before any callback is
 * made), the JDK enables native access for the class path for the rest of the run. callgate takes
 * the FFM route only when the application asked for native access, never because JNA was warned about.
 */
final class NativeAccessOnCommandLine {

    private static final String FLAG = "--enable-native-access=";
    private static final String CLASS_PATH = "ALL-UNNAMED";

    private NativeAccessOnCommandLine() {}

    /** Whether the command line enabled native access for the class path. */
    static boolean forClassPath() {
        try {
            for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (argument.startsWith(FLAG)
                        && Arrays.asList(argument.substring(FLAG.length()).split(",")).contains(CLASS_PATH)) {
                    return true;
                }
            }
        } catch (LinkageError | RuntimeException noManagement) { // a runtime image without java.management
            return false;
        }
        return mainJarEnables();
    }

    /** {@code java -jar app.jar}: the class path is that jar, and its manifest may enable native access. */
    private static boolean mainJarEnables() {
        String classPath = System.getProperty("java.class.path", "");
        String command = System.getProperty("sun.java.command", "");
        if (!classPath.endsWith(".jar") || !command.startsWith(classPath)) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            Manifest manifest = jar.getManifest();
            return manifest != null
                    && CLASS_PATH.equals(manifest.getMainAttributes().getValue("Enable-Native-Access"));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
