package dev.callgate.it.support;

import dev.callgate.Policy;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact diagnostic lines callgate promises, as patterns, so every end-to-end check (on this
 * host or in a container) reads them one way.
 */
public final class DiagnosticLines {

    private DiagnosticLines() {}

    /**
     * {@code callgate: callback <name> on thread not created by the JVM (native thread <tid>, os <id>); <what
     * the policy did>}, the whole line, under any policy; group 1 is the native thread id.
     */
    public static Pattern foreignThread(String callback, String os) {
        return Pattern.compile(foreignPrefix(callback, os) + "; (ran it \\(policy WARN(_ONCE)?\\b.*|not run, returned .*"
                + " to native code \\(policy REJECT\\b.*|aborting the process \\(policy ABORT\\))");
    }

    /** The foreign-thread line exactly as {@code policy} writes it; group 1 is the native thread id. */
    public static Pattern foreignThread(String callback, String os, Policy policy, String returned) {
        String tail;
        switch (policy) {
            case WARN:
                tail = "; ran it (policy WARN)";
                break;
            case WARN_ONCE:
                tail = "; ran it (policy WARN_ONCE: said once per callback)";
                break;
            case REJECT:
                tail = "; not run, returned " + returned + " to native code (policy REJECT: said once, every"
                        + " rejection counted)";
                break;
            case ABORT:
                tail = "; aborting the process (policy ABORT)";
                break;
            default:
                throw new IllegalArgumentException(policy + " writes no line");
        }
        return Pattern.compile(foreignPrefix(callback, os) + Pattern.quote(tail));
    }

    private static String foreignPrefix(String callback, String os) {
        return "callgate: callback " + Pattern.quote(callback)
                + " on thread not created by the JVM \\(native thread (\\d+), os " + Pattern.quote(os) + "\\)";
    }

    /** {@code callgate: callback <name> called after close; not run, returned <value> to native code}. */
    public static Pattern afterClose(String callback) {
        return Pattern.compile("callgate: callback " + Pattern.quote(callback)
                + " called after close; not run, returned .* to native code");
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
                + ": (.*?)(; returned .* to native code( \\(said once per exception class\\))?)?");
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
