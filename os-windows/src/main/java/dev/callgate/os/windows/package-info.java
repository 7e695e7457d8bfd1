/**
 * The Windows backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.windows.WindowsBackendProvider}: the cheap {@code ServiceLoader}
 *       entry; it serves every {@code os.name} starting with "Windows" and loads nothing native.
 *   <li>{@code WindowsBackend}: the backend, over its kernel32 native layer.
 *   <li>{@code WindowsKernel32}: the one class that binds kernel32: {@code WriteFile} by JNA direct
 *       mapping, the rest ({@code GetStdHandle}, {@code GetCurrentThreadId}, {@code GetCurrentProcess},
 *       {@code TerminateProcess}) through JNA Platform's {@code Kernel32}.
 * </ul>
 */
package dev.callgate.os.windows;
