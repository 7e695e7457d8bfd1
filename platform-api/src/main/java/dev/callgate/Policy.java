package dev.callgate;

import dev.callgate.internal.LineText;
import dev.callgate.internal.NearestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the gate does when a callback arrives on a thread the JVM did not create.
 *
 * @since 1.0
 */
public enum Policy {
    /** Run the body; write nothing. */
    ALLOW,
    /**
     * Run the body; the first foreign call of each gated callback writes one diagnostic line, ending
     * {@code ; ran it (policy WARN_ONCE: said once per callback)}. The default.
     */
    WARN_ONCE,
    /** Run the body; every foreign call writes a diagnostic line, ending {@code ; ran it (policy WARN)}. */
    WARN,
    /**
     * Do not run the body; return the configured default value (else zero or null) to native code.
     * The first rejected call writes one diagnostic line, ending {@code ; not run, returned <value> to
     * native code (policy REJECT: ...)}; every rejection is counted.
     */
    REJECT,
    /**
     * Write the diagnostic line (ending {@code ; aborting the process (policy ABORT)}), then end the
     * process the way the Go runtime does for a cgo callback on a foreign thread. Exactly one line in
     * the whole process: other threads that reach ABORT meanwhile write nothing and never run the
     * body. The line waits at most the diagnostic bound, so a stalled standard error cannot stop it.
     * How the process ends, per OS backend:
     * <ul>
     *   <li>Linux, macOS, FreeBSD: {@code abort(3)}: SIGABRT, shell status 134, a core dump where
     *       enabled;
     *   <li>Windows: {@code TerminateProcess(GetCurrentProcess(), 3)}, the C runtime's abort exit code;
     *   <li>the Plan 9 simulator: {@code exits("sys: abort")}, then {@code Runtime.halt(134)}.
     * </ul>
     * Shutdown hooks do not run.
     */
    ABORT;

    /**
     * The policy a name stands for: the constant's name in any case, with {@code -} or {@code _}
     * between words ({@code warn-once}, {@code WARN_ONCE}), surrounding blanks ignored. Every
     * place callgate reads a policy from text (the java agent's {@code policy=} option, the
     * command-line demo's {@code --policy}) reads it here.
     *
     * @param name the name, as a user wrote it
     * @return the policy
     * @throws IllegalArgumentException for any other text, with a message such as
     *     {@code policy=warn-onse is not understood; policy takes allow, warn-once, warn, reject,
     *     abort; did you mean warn-once?} (the name escaped as in every diagnostic line; the last
     *     part only when one name is near)
     * @since 1.0
     */
    public static Policy parse(String name) {
        if (name != null) {
            String constant = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Policy p : values()) {
                if (p.name().equals(constant)) {
                    return p;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Policy p : values()) {
            names.add(p.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        String typed = name == null ? "null" : name.strip();
        String nearest = NearestName.of(typed.replace('_', '-'), names, 0);
        throw new IllegalArgumentException("policy=" + LineText.escape(typed) + " is not understood; policy takes "
                + String.join(", ", names) + (nearest == null ? "" : "; did you mean " + nearest + "?"));
    }
}
