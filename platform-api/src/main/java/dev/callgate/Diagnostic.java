package dev.callgate;

/**
 * One diagnostic, as a {@link DiagnosticListener} receives it.
 *
 * @param kind what happened
 * @param callback the gated callback's name
 * @param line the line callgate wrote (or tried to write) to standard error, without newline
 * @param nativeThreadId the operating system's id of the calling thread
 * @param thrown the exception the body threw, for {@link DiagnosticKind#EXCEPTION}; else null
 * @since 1.0
 */
public record Diagnostic(DiagnosticKind kind, String callback, String line, long nativeThreadId, Throwable thrown) {}
