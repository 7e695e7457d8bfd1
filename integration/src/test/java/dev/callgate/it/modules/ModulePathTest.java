package dev.callgate.it.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The module descriptors work: with platform-api, os-linux and JNA on the module path (and no
 * {@code META-INF/services} reading on the class path to fall back on), {@code ServiceLoader} finds
 * the Linux backend through {@code provides}/{@code uses}, and its native write works. callgate's
 * machinery ({@code dev.callgate.internal}) is exported only to callgate's own modules.
 */
@EnabledOnOs(OS.LINUX)
class ModulePathTest {

    @Test
    void theLinuxBackendIsFoundThroughModuleDescriptors() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String modulePath = classPath.stream()
                .filter(entry -> entry.contains("platform-api") || entry.contains("callgate-platform-api")
                        || entry.contains("os-linux") || entry.contains("callgate-os-linux")
                        || entry.matches(".*[/\\\\]jna-\\d[^/\\\\]*\\.jar"))
                .filter(entry -> !entry.contains("tests")) // the contract test-jar is no module of ours
                .collect(Collectors.joining(File.pathSeparator));
        String testClasses = classPath.stream().filter(entry -> entry.endsWith("test-classes")).findFirst()
                .orElseThrow(() -> new AssertionError("no test-classes entry on " + classPath));

        ChildJvmResult run = ChildJvm.mainClass(ModulePathMain.class)
                .classPath(testClasses)
                .jvmOptions("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH")
                .run();

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdoutHasLine("api module: dev.callgate"), run::describe);
        assertTrue(run.stdoutHasLine("backend: linux"), run::describe);
        assertTrue(run.stdoutHasLine("backend module: dev.callgate.os.linux"), run::describe);
        assertTrue(run.stdoutHasLine("jna module: com.sun.jna"), run::describe);
        assertTrue(run.stdoutHasLine("dev.callgate.internal exported to the class path: false"), run::describe);
        assertEquals(List.of("callgate: written from the module path"), run.stderrLines(l -> l.startsWith("callgate:")),
                run::describe);
    }
}
