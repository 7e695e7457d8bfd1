package dev.callgate.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The standard error lines that start with {@code prefix}. */
    public List<String> stderrLinesStarting(String prefix) {
        return stderrLines(line -> line.startsWith(prefix));
    }

    /** The standard error lines that contain {@code text}. */
    public List<String> stderrLinesWith(String text) {
        return stderrLines(line -> line.contains(text));
    }

    /** Whether standard output has this exact line. */
    public boolean stdoutHasLine(String line) {
        return stdout.lines().anyMatch(line::equals);
    }

    /** Whether standard error has this exact line. */
    public boolean stderrHasLine(String line) {
        return stderr.lines().anyMatch(line::equals);
    }

    /** The first standard output line that starts with {@code prefix}, or a line saying there is none. */
    public String stdoutLine(String prefix) {
        return stdout.lines().filter(line -> line.startsWith(prefix)).findFirst().orElse("(no line " + prefix + ")");
    }

    /**
     * The value of the standard output line {@code key=value}, stripped.
     *
     * @throws AssertionError if there is no such line
     */
    public String value(String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(stdout);
        if (!m.find()) {
            throw new AssertionError("no " + key + "= in the child's output\n" + describe());
        }
        return m.group(1).strip();
    }

    /** {@link #value(String)} as a number. */
    public long number(String key) {
        return Long.parseLong(value(key));
    }

    /** Everything about the run, for an assertion message. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\nexit status: " + exitCode + " after " + elapsed.toMillis()
                + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }

    @Override
    public String toString() {
        return describe();
    }
}
