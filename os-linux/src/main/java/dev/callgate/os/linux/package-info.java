/**
 * The Linux backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.linux.LinuxBackendProvider}: the cheap {@code ServiceLoader} entry;
 *       it serves {@code os.name} "Linux" and loads nothing native.
 *   <li>{@link dev.callgate.os.linux.LinuxBackend}: the backend, with a Netty-style availability
 *       facade ({@code isAvailable()}, {@code unavailabilityCause()}, {@code ensureAvailability()})
 *       and the opt-out property {@value dev.callgate.os.linux.LinuxBackend#DISABLE_PROPERTY}.
 *   <li>{@link dev.callgate.os.linux.LinuxLibC}: the one class that binds C functions
 *       ({@code write}, {@code gettid}, {@code syscall}, {@code abort}) with JNA direct mapping.
 * </ul>
 */
package dev.callgate.os.linux;
