/**
 * The FreeBSD backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.freebsd.FreeBsdBackendProvider}: the cheap {@code ServiceLoader}
 *       entry; it serves {@code os.name} "FreeBSD" and loads nothing native.
 *   <li>{@link dev.callgate.os.freebsd.FreeBsdBackend}: the backend, built over a native layer.
 *   <li>{@code FreeBsdLibC}: the one class that binds libc functions ({@code write},
 *       {@code thr_self}, {@code abort}) with JNA direct mapping, in an LP64 and an ILP32 variant.
 * </ul>
 */
package dev.callgate.os.freebsd;
