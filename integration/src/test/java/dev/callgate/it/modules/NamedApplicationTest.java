package dev.callgate.it.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that is itself a named module ({@code src/test/named-app}, compiled here against
 * the built jars) runs callgate from the module path with {@code java -m}: with the {@code opens}
 * line callgate's javadoc gives, on a jlinked runtime without {@code jdk.jfr} ({@code requires
 * static}), and with callgate's machinery ({@code dev.callgate.internal}) not exported to it.
 */
@EnabledOnOs(OS.LINUX)
class NamedApplicationTest {

    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final String MODULE = "example.app";
    private static final String MAIN = "example.app.NamedApp";

    private static String modulePath;

    @BeforeAll
    static void compileTheApplication() throws IOException {
        String callgate = Stream.of("test.callgate.api.jar", "test.callgate.linux.jar", "test.callgate.jna.jar")
                .map(NamedApplicationTest::existingFile).collect(Collectors.joining(File.pathSeparator));
        Path classes = TARGET.resolve("named-app").resolve(MODULE);
        List<String> args = new ArrayList<>(List.of("--release", "17", "--module-path", callgate, "-d", classes.toString()));
        try (Stream<Path> sources = Files.walk(Path.of(System.getProperty("basedir", "."), "src", "test", "named-app"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
        StringWriter output = new StringWriter();
        int status = javac.run(new PrintWriter(output, true), new PrintWriter(output, true), args.toArray(String[]::new));
        assertEquals(0, status, () -> "the named application does not compile:\n" + output);
        modulePath = callgate + File.pathSeparator + classes;
    }

    @Test
    void aForeignThreadsCallbackRunsOnARuntimeWithoutJfr() {
        // JNA needs java.logging; callgate needs nothing beyond java.base
        Path java = JlinkedRuntime.java(TARGET.resolve("runtime-without-jfr"), "java.base,java.logging");

        ChildJvmResult run = app("foreign-thread").javaExecutable(java).run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdoutHasLine("jdk.jfr in the boot layer: false"), run::describe);
        assertTrue(run.stdout().lines().anyMatch(l -> l.startsWith("body ran on callgate-foreign-")), run::describe);
        assertTrue(run.stdoutHasLine("foreign calls: 1"), run::describe);
        assertEquals(1, run.stderrLines(l -> l.startsWith("callgate: callback named-start on thread not created by the JVM"))
                .size(), run::describe);
    }

    @Test
    void onAFullJdkTheForeignCallbackIsAFlightRecorderEvent(@TempDir Path dir) throws IOException {
        Path dump = dir.resolve("named.jfr");

        ChildJvmResult run = app("foreign-thread").jvmOptions("-XX:StartFlightRecording:filename=" + dump).run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdoutHasLine("jdk.jfr in the boot layer: true"), run::describe);
        List<RecordedEvent> events = RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().equals("dev.callgate.ForeignCallback"))
                .filter(e -> "named-start".equals(e.getString("callback"))).toList();
        assertEquals(1, events.size(), () -> "one event for the one diagnosis: " + events + "\n" + run.describe());
    }

    @Test
    void theInternalPackageIsNotExportedToTheApplication() {
        ChildJvmResult run = app("closed").run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdoutHasLine("dev.callgate.internal exported to this module: false"), run::describe);
    }

    @Test
    void aCallbackInterfaceInAPackageNotOpenedIsRefusedWithTheOpensLine() {
        ChildJvmResult run = app("closed").run();

        String refusal = run.stdout().lines().filter(l -> l.startsWith("refused: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no refusal\n" + run.describe()));
        assertTrue(refusal.contains("opens example.app.closed to dev.callgate, com.sun.jna;"), run::describe);
        assertTrue(refusal.contains("module example.app"), run::describe);
    }

    private static ChildJvm app(String scenario) {
        return ChildJvm.mainClass(MODULE + "/" + MAIN).modulePath(modulePath).args(scenario);
    }

    private static String existingFile(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                () -> property + " is " + path + ", no jar: run with ./mvnw -pl integration -am verify");
        return path;
    }
}
