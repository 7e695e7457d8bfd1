package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A native thread that an FFM upcall brought into Java (JDK 22+, here Temurin 25) calls native code
 * that calls a gated JNA callback back on the same thread: JNA finds it attached already, yet the
 * JVM did not create it, so it is foreign and REJECT holds. The child is a source-file program run
 * by Temurin 25 with this module's test class path.
 */
@EnabledOnOs(OS.LINUX)
class FfmAttachedThreadTest {

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void aThreadAnFfmUpcallAttachedIsForeign() {
        Assumptions.assumeTrue(Files.isExecutable(TEMURIN_25) || "true".equals(System.getenv("CI")),
                "needs a JDK 22+ at " + TEMURIN_25);
        Path program = Path.of("src/test/resources/ffm/FfmUpcallThenJna.java").toAbsolutePath();
        ChildJvmResult run = ChildJvm.mainClass(program.toString()).javaExecutable(TEMURIN_25)
                .jvmOptions("--enable-native-access=ALL-UNNAMED").run();

        assertEquals(0, run.exitCode(), run::describe);
        List<String> out = run.stdoutLines();
        assertTrue(out.contains("body runs: 0"), run::describe);
        String calls = out.stream().filter(l -> l.startsWith("calls: ")).findFirst().orElseThrow().substring(7);
        assertTrue(Long.parseLong(calls) > 0, run::describe);
        assertTrue(out.contains("foreign calls: " + calls), run::describe);
        assertTrue(out.contains("rejected: " + calls), run::describe);
    }
}
