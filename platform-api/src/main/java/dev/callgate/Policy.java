package dev.callgate;

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
    ABORT
}
