package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.RunningChild;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process whose callbacks ran on kept-attached native threads still ends, with its status, within
 * 2 s of being told to: {@code System.exit}, {@code Runtime.halt}, SIGTERM and a return from
 * {@code main}, for libuv's pool (idle and busy), GLib's pool (idle workers, attached) and raw
 * pthreads (one still inside the body); each keeps attached native threads alive at exit. Without
 * callgate's exit guard, libuv's library destructor joins pool threads that can no longer detach
 * from the exited VM, and the process hangs for ever (see
 * {@link #withoutTheExitGuardLibuvHangsInExit}); GLib and pthreads have no such destructor and end
 * with or without it.
 */
@EnabledOnOs(OS.LINUX)
class ExitWithKeptAttachedThreadsTest {

    private static final Duration PROMISE = Duration.ofSeconds(2);
    private static final Duration HANG = Duration.ofSeconds(20);

    static Stream<Arguments> scenarios() {
        return Stream.of("libuv-idle", "libuv-busy", "glib", "pthread").flatMap(source -> Stream.of(
                Arguments.of(source, "exit", 3, 3),
                Arguments.of(source, "halt", 9, 9),
                Arguments.of(source, "sigterm", 0, 128 + 15),
                Arguments.of(source, "return", 0, 0)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("scenarios")
    void theProcessEndsWithItsStatus(String source, String ending, int status, int expected) throws Exception {
        try (RunningChild child = ChildJvm.mainClass(ExitScenarioMain.class)
                .args(source, ending, Integer.toString(status)).start()) {
            child.awaitLine("ready", Duration.ofSeconds(60));
            long told = System.nanoTime();
            if (ending.equals("sigterm")) {
                child.terminate();
            }
            int exit = child.awaitExit(HANG);
            Duration took = Duration.ofNanos(System.nanoTime() - told);

            assertEquals(expected, exit, child::describe);
            assertTrue(took.compareTo(PROMISE) < 0, () -> "ended " + took.toMillis() + " ms after being told to; "
                    + child.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutGuard")
    void withoutTheExitGuardLibuvHangsInExit(String source) throws Exception {
        try (RunningChild child = ChildJvm.mainClass(ExitScenarioMain.class)
                .systemProperty("callgate.exitGuard", "off").args(source, "exit", "3").start()) {
            child.awaitLine("ready", Duration.ofSeconds(60));
            AssertionError hung = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> child.awaitExit(Duration.ofSeconds(5)));
            assertTrue(hung.getMessage().contains("did not end"), hung.getMessage());
        }
    }

    static Stream<String> withoutGuard() {
        return Stream.of("libuv-idle");
    }
}
