/**
 * The Windows backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.windows.WindowsBackendProvider}: the cheap {@code ServiceLoader}
 *       entry; it serves every {@code os.name} starting with "Windows" and loads nothing native.
 *   <li>{@link dev.callgate.os.windows.WindowsBackend}: the backend, built over a native layer.
 *   <li>{@code WindowsKernel32}: the one class that calls kernel32, through JNA Platform's
 *       {@code Kernel32} ({@code GetStdHandle}, {@code WriteFile}, {@code GetCurrentThreadId},
 *       {@code GetCurrentProcess}, {@code TerminateProcess}); it declares nothing of its own.
 *   <li>{@code WindowsNativeWrite}: the shared write loop's view of {@code WriteFile}.
 * </ul>
 */
package dev.callgate.os.windows;
