package dev.callgate;

/**
 * What a diagnostic line is about.
 *
 * @since 1.0
 */
public enum DiagnosticKind {
    /** A call on a thread the JVM did not create (under WARN_ONCE, WARN or REJECT). */
    FOREIGN_THREAD,
    /** A call on a foreign thread under {@link Policy#ABORT}: the process ends after this line. */
    ABORT,
    /** The body threw; native code got the default value. */
    EXCEPTION,
    /** A call after {@link GatedCallback#close()}. */
    AFTER_CLOSE,
    /** A call after JVM shutdown had begun. */
    DURING_SHUTDOWN,
    /** {@link GatedCallback#close(java.time.Duration)} gave up with calls still running. */
    CLOSE_TIMED_OUT
}
