package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether a thread is foreign does not depend on the name of the Java method it runs: a C program
 * that creates the JVM ({@code src/test/c/thread_origin_host.c}) calls static methods named {@code run}
 * and {@code main}, each of which makes a gated callback call back on its own thread. On the
 * thread that created the JVM both are not foreign (as the launcher's main thread is not); on a
 * second pthread attached with {@code AttachCurrentThread}, both are foreign, also when it asked to
 * be named {@code main} and calls {@code main} first (a gate classifies a thread once, at its
 * first call). On the test JVM's JDK and, when installed, Temurin 25.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddingHostThreadOriginTest {

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private static Path host;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/c/thread_origin_host.c").toAbsolutePath();
        Path javaHome = Path.of(System.getProperty("java.home"));
        host = dir.resolve("thread_origin_host");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", host.toString(), source.toString(),
                "-I" + javaHome.resolve("include"), "-I" + javaHome.resolve("include/linux"), "-ldl", "-lpthread")
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed: " + output);
    }

    static Stream<Path> jdks() {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        if (Files.isRegularFile(TEMURIN_25.resolve("lib/server/libjvm.so")) && !homes.contains(TEMURIN_25)) {
            homes.add(TEMURIN_25);
        }
        return homes.stream();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theCreatingThreadIsTheJvmsAndAnAttachedOneIsForeignWhateverTheMethodIsNamed(Path javaHome) throws Exception {
        Process process = new ProcessBuilder(host.toString(), javaHome.resolve("lib/server/libjvm.so").toString(),
                "-Djava.class.path=" + System.getProperty("java.class.path"),
                EmbeddedHostCalls.class.getName().replace('.', '/')).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(l -> l.startsWith("thread=")).toList();

        assertEquals(6, lines.size(), () -> javaHome + ": " + output);
        assertTrue(lines.get(0).matches("thread=main id=\\d+ method=run foreign=false"), () -> "creating thread: " + output);
        assertTrue(lines.get(1).matches("thread=main id=\\d+ method=main foreign=false"), () -> "creating thread: " + output);
        assertTrue(lines.get(2).matches("thread=Thread-\\d+ id=\\d+ method=run foreign=true"), () -> "attached: " + output);
        assertTrue(lines.get(3).matches("thread=Thread-\\d+ id=\\d+ method=main foreign=true"), () -> "attached: " + output);
        assertTrue(lines.get(4).matches("thread=main id=\\d+ method=main foreign=true"), () -> "attached as main: " + output);
        assertTrue(lines.get(5).matches("thread=main id=\\d+ method=run foreign=true"), () -> "attached as main: " + output);
        assertTrue(output.contains("host done"), () -> "the host ran to its end: " + output);
    }
}
