/**
 * The macOS (Darwin) backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.darwin.DarwinBackendProvider}: the cheap {@code ServiceLoader} entry;
 *       it serves {@code os.name} "Mac OS X" (and "Darwin", "macOS") on 64-bit and loads nothing
 *       native.
 *   <li>{@link dev.callgate.os.darwin.DarwinBackend}: the backend, built over a native layer.
 *   <li>{@code DarwinLibSystem}: the one class that binds libSystem functions ({@code write},
 *       {@code pthread_threadid_np}, {@code abort}) with JNA direct mapping.
 * </ul>
 */
package dev.callgate.os.darwin;
