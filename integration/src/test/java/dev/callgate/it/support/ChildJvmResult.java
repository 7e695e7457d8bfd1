package dev.callgate.it.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a child JVM did.
 *
 * @param command the command line that started it
 * @param exitCode its exit status; 128 + N when signal N killed it (134 for SIGABRT), as
 *     {@link Process#exitValue()} reports on POSIX
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 * @param elapsed from start to exit
 */
public record ChildJvmResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {

    /** Exit status of a process killed by SIGABRT, as {@link Process#exitValue()} reports it. */
    public static final int KILLED_BY_SIGABRT = 128 + 6;

    /** Standard output, one entry per line. */
    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** Standard error, one entry per line. */
    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** The standard error lines that {@code test} accepts. */
    public List<String> stderrLines(Predicate<String> test) {
        return stderr.lines().filter(test).toList();
    }

    /** Whether standard output has this exact line. */
    public boolean stdoutHasLine(String line) {
        return stdout.lines().anyMatch(line::equals);
    }

    /** Everything about the run, for an assertion message. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\nexit status: " + exitCode + " after " + elapsed.toMillis()
                + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
