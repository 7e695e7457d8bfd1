package dev.callgate;

/**
 * How often a callback body's exceptions are written as a diagnostic line; every one is counted.
 *
 * @since 1.0
 */
public enum ExceptionReporting {
    /** The first exception of each class thrown by a callback writes a line. The default. */
    ONCE_PER_CLASS,
    /** Every exception writes a line (a body that always throws writes one line per call). */
    EVERY
}
