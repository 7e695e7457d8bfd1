package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.contract.AbortingChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What only a whole process shows: the exit status of abort(), the bytes on a real fd 2. */
@EnabledOnOs(OS.LINUX)
class LinuxBackendChildProcessTest {

    /** 128 + SIGABRT (6): how Java's Process reports a child killed by SIGABRT. */
    private static final int KILLED_BY_SIGABRT = 128 + 6;

    @TempDir
    Path workDir;

    @Test
    void abortEndsTheChildJvmWithSigabrt() throws Exception {
        Result child = runJava(List.of(), AbortingChildJvm.ProviderAbortingMain.class,
                LinuxBackendProvider.class.getName());
        assertEquals(KILLED_BY_SIGABRT, child.exitStatus, child.toString());
        assertTrue(child.stderrLines().contains(AbortingChildJvm.LAST_WORDS), child.toString());
        assertFalse(child.stdout.contains(AbortingChildJvm.ABORT_RETURNED), child.toString());
    }

    @Test
    void stderrWritesTheExactLineToFileDescriptor2() throws Exception {
        String line = "callgate-test: foreign thread 4242 called back into \u00e9t\u00e9 \u4e2d";
        Result child = runJava(List.of(), StderrLineMain.class, line);
        assertEquals(0, child.exitStatus, child.toString());
        assertTrue(child.stderrLines().contains(line), "exact line on the child's stderr: " + child);
        assertTrue(child.stdout.contains("ok=true written=1 failed=0"), child.toString());
    }

    @Test
    void theDisablePropertyMakesTheBackendUnavailableWithTheFixInTheMessage() throws Exception {
        Result child = runJava(List.of("-D" + LinuxBackend.DISABLE_PROPERTY + "=true"), AvailabilityMain.class);
        assertEquals(0, child.exitStatus, child.toString());
        assertTrue(child.stdout.contains("available=false"), child.toString());
        assertTrue(child.stdout.contains("disabled by -D" + LinuxBackend.DISABLE_PROPERTY + "=true"), child.toString());
        assertTrue(child.stdout.contains("Fix: remove that property"), child.toString());
        assertTrue(child.stdout.contains("create=BackendUnavailableException"), child.toString());
    }

    @Test
    void withoutTheDisablePropertyTheChildFindsTheBackendAvailable() throws Exception {
        Result child = runJava(List.of(), AvailabilityMain.class);
        assertTrue(child.stdout.contains("available=true"), child.toString());
        assertTrue(child.stdout.contains("create=ok"), child.toString());
    }

    /**
     * Runs {@code main} in a child JVM: this JVM's java binary and class path. {@code ulimit -c 0}
     * first, so that an abort leaves no multi-hundred-megabyte core file behind.
     */
    private Result runJava(List<String> jvmOptions, Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0 && exec \"$0\" \"$@\"", java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM " + main.getSimpleName() + " did not end within 60 s");
        }
        return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exitStatus, String stdout, String stderr) {
        List<String> stderrLines() {
            return Arrays.asList(stderr.split("\n", -1));
        }

        @Override
        public String toString() {
            return "exit " + exitStatus + " stdout: [" + stdout + "] stderr: [" + stderr + "]";
        }
    }
}
