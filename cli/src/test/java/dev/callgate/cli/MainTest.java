package dev.callgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's answers to good and bad input, in process. The demo itself runs in integration. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageWithOptionsAndExitCodes() {
        assertEquals(0, run("--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String expected : new String[] {"demo", "doctor", "--policy", "--calls", "--threads", "134", "callgate.os"}) {
            assertTrue(usage.contains(expected), "usage mentions " + expected);
        }
    }

    @Test
    void versionPrintsCallgatesVersion() {
        assertEquals(0, run("--version"));
        assertEquals("callgate " + System.getProperty("test.callgate.version") + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frobnicate", "demo --policy sometimes", "demo --calls 0", "demo --calls many",
        "demo --threads", "demo --verbose", "doctor --fast"})
    void badCommandLinesExitWithTwoAndSayWhy(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertEquals(Main.EXIT_USAGE, run(args));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("callgate: "), text);
        assertTrue(text.contains("usage: java -jar callgate.jar"), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void policyNamesAcceptTheDocumentedSpelling() {
        DemoOptions options = DemoOptions.parse(new String[] {"demo", "--policy", "warn-once", "--calls", "5",
            "--threads", "2", "--detach-each-call", "--throw"}, 1);
        assertEquals(dev.callgate.Policy.WARN_ONCE, options.policy());
        assertEquals(5, options.calls());
        assertEquals(2, options.threads());
        assertEquals(dev.callgate.Attachment.DETACH_AFTER_EACH_CALL, options.attachment());
        assertTrue(options.throwing());
    }

    @Test
    void aMistypedPolicyNamesTheNearestOne() {
        assertEquals(Main.EXIT_USAGE, run("demo", "--policy", "rejct"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("callgate: --policy=rejct is not understood; policy"
                + " takes allow, warn-once, warn, reject, abort; did you mean reject?"), err::toString);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void doctorReportsTheLinuxBackendAndAWorkingWrite() {
        assertEquals(0, run("doctor"));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.startsWith("callgate doctor\nversion: " + System.getProperty("test.callgate.version") + "\n"),
                report);
        assertTrue(report.contains("backend: linux\n"), report);
        assertTrue(report.contains("native write: ok"), report);
        assertTrue(report.contains("pointer size: " + com.sun.jna.Native.POINTER_SIZE + " bytes"), report);
        assertTrue(report.contains("directory listing: ok\n"), report); // a 64-bit JVM on this kernel lists directories
        // the CLI carries no callgate-ffm: JNA's route, and why (the JDK on 17, the missing module on 22+)
        String why = Runtime.version().feature() < 22 ? "the FFM route needs JDK 22 or later" : "callgate-ffm is not on";
        assertTrue(report.contains("callback route: JNA (") && report.contains(why), report);
    }
}
