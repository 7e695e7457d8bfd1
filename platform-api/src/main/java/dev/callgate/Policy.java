package dev.callgate;

/** What the gate does when a callback arrives on a thread the JVM did not create. */
public enum Policy {
    /** Run the body; write nothing. */
    ALLOW,
    /** Run the body; the first foreign call of each gated callback writes one diagnostic line. The default. */
    WARN_ONCE,
    /** Run the body; every foreign call writes a diagnostic line. */
    WARN,
    /**
     * Do not run the body; return the configured default value (else zero or null) to native code.
     * The first rejected call writes one diagnostic line; every rejection is counted.
     */
    REJECT,
    /**
     * Write the diagnostic line, then abort the process the way the Go runtime does for a cgo
     * callback on a foreign thread: {@code abort(3)}, SIGABRT and a core dump where the OS makes one.
     */
    ABORT
}
