package dev.callgate;

/**
 * The OS backend in use and how it was chosen.
 *
 * <p>With no OS module that serves this JVM (none on the class path, none for this OS, or the one
 * for it cannot start), callgate still gates, through the <em>Java fallback</em>: {@code id}
 * {@value #JAVA_FALLBACK_ID}, {@code artifact} {@code dev.callgate:callgate-platform-api}, and
 * {@code how} saying why. Its lines go to {@link System#err}, thread ids are best effort,
 * {@link Policy#ABORT} halts with status 134 without a core dump, and there is no exit guard. One
 * line on standard error says so, and which module to add, when it is selected;
 * {@code -Dcallgate.requireOsModule=true} makes it an error instead.
 *
 * @param id the backend's id: {@code linux}, {@code darwin}, {@code freebsd}, {@code windows}, or
 *     {@value #JAVA_FALLBACK_ID} for the Java fallback
 * @param artifact the Maven coordinates of the module that provides it
 * @param how how it was chosen, such as {@code matched os.name "Linux"} or
 *     {@code override "linux" (callgate.os or CALLGATE_OS)}
 * @since 1.0
 */
public record BackendSelection(String id, String artifact, String how) {

    /** The {@link #id()} of the Java fallback, used when no OS module serves this JVM. */
    public static final String JAVA_FALLBACK_ID = "java";

    /** Whether this is the Java fallback rather than an OS module. */
    public boolean isJavaFallback() {
        return JAVA_FALLBACK_ID.equals(id) && dev.callgate.internal.JavaFallbackBackend.ARTIFACT.equals(artifact);
    }
}
