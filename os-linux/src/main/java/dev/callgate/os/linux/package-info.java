/**
 * The Linux backend of callgate.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.linux.LinuxBackendProvider}: the cheap {@code ServiceLoader} entry;
 *       it serves {@code os.name} "Linux" and loads nothing native.
 *   <li>{@code LinuxBackend}: the backend, over the shared POSIX backend, with the glibc exit guard.
 *   <li>{@code LinuxLibC}: the one class that binds C functions ({@code write}, {@code gettid},
 *       {@code syscall}, {@code abort}, {@code on_exit}, {@code __cxa_atexit}, {@code mmap},
 *       {@code mprotect}) with JNA direct mapping.
 *   <li>{@code LinuxExitGuard} and {@code ExitStubCode}: the exit guard's conditional {@code on_exit}
 *       handler, its machine code per architecture, and when it is registered and armed.
 * </ul>
 */
package dev.callgate.os.linux;
