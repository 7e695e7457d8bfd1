package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C program that embeds the JVM ({@code src/test/c/embedding_host.c}: {@code JNI_CreateJavaVM},
 * a gated callback on a pthread that stays attached and alive, {@code DestroyJavaVM}, return from
 * {@code main}) keeps its own exit work: the exit guard does not act in a JVM the {@code java}
 * launcher did not start, unless {@code -Dcallgate.exitGuard=always} asks for it.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddingHostTest {

    private static final long BOUND_SECONDS = 60;

    private static Path host;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/c/embedding_host.c").toAbsolutePath();
        host = dir.resolve("embedding_host");
        Path javaHome = Path.of(System.getProperty("java.home"));
        Process gcc = new ProcessBuilder("gcc", "-O1", "-o", host.toString(), source.toString(),
                "-I" + javaHome.resolve("include"), "-I" + javaHome.resolve("include/linux"), "-ldl", "-lpthread")
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0,
                "gcc could not build the embedding host (needs gcc and the JDK's include/ directory): " + output);
    }

    @Test
    void theHostsExitWorkRunsAndItsStatusIsKept(@TempDir Path out) throws Exception {
        Path marker = out.resolve("host-exit-work");
        Ended ended = runHost(marker, List.of());

        assertEquals(0, ended.status, ended.output);
        assertTrue(ended.output.contains("host: JVM destroyed, returning from main"), ended.output);
        assertTrue(Files.isRegularFile(marker), "the host's atexit handler did not run: " + ended.output);
        assertTrue(ended.output.contains("exit guard: not armed: embedded JVM (no java launcher)"), ended.output);
    }

    /** Asked for, the guard acts as under the launcher: the host's earlier exit work is skipped, the status kept. */
    @Test
    void alwaysArmsItInAnEmbeddedJvm(@TempDir Path out) throws Exception {
        Path marker = out.resolve("host-exit-work");
        Ended ended = runHost(marker, List.of("-Dcallgate.exitGuard=always"));

        assertEquals(0, ended.status, ended.output);
        assertTrue(ended.output.contains("exit guard: always: armed now: 1 kept-attached foreign thread(s) alive"),
                ended.output);
        assertFalse(Files.exists(marker), "armed, the guard ends the process before earlier exit work: " + ended.output);
    }

    private record Ended(int status, String output) {}

    private static Ended runHost(Path marker, List<String> option) throws Exception {
        Path libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
        List<String> command = new ArrayList<>(List.of(host.toString(), libjvm.toString(),
                System.getProperty("java.class.path"), marker.toString(),
                EmbeddedGateMain.class.getName().replace('.', '/'), "work"));
        command.addAll(option);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        if (!process.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the embedding host did not end within " + BOUND_SECONDS + " s: "
                    + output.getNow("(no output yet)"));
        }
        return new Ended(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }
}
