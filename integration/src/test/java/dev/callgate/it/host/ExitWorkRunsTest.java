package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With no kept-attached foreign thread alive at exit, the exit guard takes nothing away: a C++
 * library's static destructor, its {@code std::ofstream}'s buffered contents, its {@code atexit}
 * handler and its destructor function all run, whether it was loaded before the first gate or
 * after, when callbacks ran on Java threads only or also on kept-attached pthreads that have since
 * ended, for {@code System.exit}, a return from {@code main} and (with no foreign thread ever)
 * {@code Runtime.halt}. The library is {@code src/test/c/exit_work.cpp}, compiled here with g++.
 */
@EnabledOnOs(OS.LINUX)
class ExitWorkRunsTest {

    private static final List<String> EXIT_WORK = List.of("static-destructor", "ofstream.log", "atexit", "destructor");

    private static Path library;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        Path source = Path.of("src/test/c/exit_work.cpp").toAbsolutePath();
        library = dir.resolve("libexitwork.so");
        Process gxx = new ProcessBuilder("g++", "-shared", "-fPIC", "-O1", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gxx.getInputStream().readAllBytes());
        assertTrue(gxx.waitFor(120, TimeUnit.SECONDS) && gxx.exitValue() == 0,
                "g++ could not build the exit-work library (needs g++): " + output);
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of("before", "java", "exit", 5),
                Arguments.of("after", "java", "exit", 5),
                Arguments.of("before", "ended-pthreads", "exit", 5),
                Arguments.of("after", "ended-pthreads", "exit", 5),
                Arguments.of("before", "java", "return", 0),
                Arguments.of("before", "ended-pthreads", "return", 0),
                Arguments.of("after", "ended-pthreads", "return", 0),
                Arguments.of("before", "java", "halt", 7),
                Arguments.of("after", "java", "halt", 7));
    }

    @ParameterizedTest(name = "loaded {0} the first gate, callbacks on {1}, {2}")
    @MethodSource("endings")
    void everyExitWorkRuns(String order, String threads, String ending, int status, @TempDir Path out)
            throws Exception {
        ChildJvmResult child = ChildJvm.mainClass(ExitWorkMain.class)
                .args(library.toString(), out.toString(), order, threads, ending)
                .timeout(Duration.ofSeconds(60)).run();

        assertEquals(status, child.exitCode(), child::describe);
        assertTrue(child.stdoutHasLine("ready"), child::describe);
        List<String> missing = EXIT_WORK.stream().filter(name -> !Files.isRegularFile(out.resolve(name)))
                .collect(Collectors.toList());
        assertEquals(List.of(), missing, () -> "exit work that did not run; " + child.describe());
        assertEquals("buffered until the ofstream is destroyed\n", Files.readString(out.resolve("ofstream.log")));
    }
}
