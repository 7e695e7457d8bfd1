package dev.callgate;

/**
 * The OS backend in use and how it was chosen.
 *
 * @param id the backend's id: {@code linux}, {@code darwin}, {@code freebsd}, {@code windows}
 * @param artifact the Maven coordinates of the module that provides it
 * @param how how it was chosen, such as {@code matched os.name "Linux"} or
 *     {@code override "linux" (callgate.os or CALLGATE_OS)}
 */
public record BackendSelection(String id, String artifact, String how) {}
