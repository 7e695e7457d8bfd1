package dev.callgate.ffm;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * How this module's tests set up a child JVM (the same java and class path, with or without native
 * access); test-support's {@link ChildJvm} starts it.
 */
public final class FfmChild {

    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Some scenarios start a few hundred native threads on a loaded machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private FfmChild() {}

    /** Runs {@code main} with native access on. */
    public static ChildJvmResult run(Class<?> main, String... args) {
        return run(main, true, List.of(), args);
    }

    /** Runs {@code main} with or without native access and with these JVM options ({@code -D...}). */
    public static ChildJvmResult run(Class<?> main, boolean nativeAccess, List<String> options, String... args) {
        return ChildJvm.mainClass(main).jvmOptions(nativeAccess ? List.of(NATIVE_ACCESS) : List.of())
                .jvmOptions("-Xshare:auto").jvmOptions(options).args(args).timeout(TIMEOUT).run();
    }

    /**
     * {@code java -jar} of a launcher jar whose manifest names {@code main} and the test class path,
     * with {@code Enable-Native-Access: ALL-UNNAMED} when {@code manifestEnables}: how an executable
     * jar enables native access without a flag.
     */
    public static ChildJvmResult runJar(Class<?> main, boolean manifestEnables, String... args) throws IOException {
        Path jar = Files.createTempFile("callgate-launcher", ".jar");
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, main.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString()); // a directory's URI ends in '/'
        }
        attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        if (manifestEnables) {
            attributes.put(new Attributes.Name("Enable-Native-Access"), "ALL-UNNAMED");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        try {
            return ChildJvm.jar(jar).jvmOptions("-Xshare:auto").args(args).timeout(TIMEOUT).run();
        } finally {
            try {
                Files.delete(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
