package dev.callgate.it.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact diagnostic lines callgate promises, as
 * patterns, so every end-to-end check (on this host or in a container) reads them one way.
 */
public final class DiagnosticLines {

    private DiagnosticLines() {}

    /**
     * {@code callgate: callback <name> on thread not created by the JVM (native thread <tid>, os <id>)},
     * the whole line; group 1 is the native thread id.
     */
    public static Pattern foreignThread(String callback, String os) {
        return Pattern.compile("callgate: callback " + Pattern.quote(callback)
                + " on thread not created by the JVM \\(native thread (\\d+), os " + Pattern.quote(os) + "\\)");
    }

    /** {@code callgate: callback <name> called after close}, the whole line. */
    public static Pattern afterClose(String callback) {
        return Pattern.compile("callgate: callback " + Pattern.quote(callback) + " called after close");
    }

    /** {@code callgate: callback <name> called during JVM shutdown}, at the start of the line (the gate adds what it returned). */
    public static Pattern duringShutdown(String callback) {
        return Pattern.compile("callgate: callback " + Pattern.quote(callback) + " called during JVM shutdown\\b.*");
    }

    /**
     * {@code callgate: callback <name> threw <exception class>: <message>}, at the start of the line;
     * group 1 is the message up to the gate's {@code ; returned ...} tail.
     */
    public static Pattern threw(String callback, Class<? extends Throwable> type) {
        return Pattern.compile("callgate: callback " + Pattern.quote(callback) + " threw " + Pattern.quote(type.getName())
                + ": (.*?)(; returned .*)?");
    }

    /** The lines that {@code pattern} matches whole. */
    public static List<String> matching(List<String> lines, Pattern pattern) {
        return lines.stream().filter(line -> pattern.matcher(line).matches()).toList();
    }

    /** Group 1 of {@code pattern} in each line it matches whole, as a number (the native thread id of a foreign line). */
    public static List<Long> numbers(List<String> lines, Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).toList();
    }
}
