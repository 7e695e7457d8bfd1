/**
 * What an OS module implements. Its {@link OsBackendProvider}, found by
 * {@link java.util.ServiceLoader} ({@code provides} in its {@code module-info.java} and a
 * {@code META-INF/services} entry on the class path), says whether it serves the running
 * platform and creates the {@link OsBackend}: the operating system's lowest-level write for
 * diagnostic lines ({@link NativeWrite}, driven by {@link DiagnosticWriter} with lines encoded
 * ahead as {@link NativeMessage}s), the native id of the calling thread, and the abort that ends
 * the process under {@link dev.callgate.Policy#ABORT}.
 *
 * <p>A POSIX system needs little more than its {@link PosixBackend.NativeLayer} handed to a
 * {@link PosixBackend} subclass; {@link NativeBinding} binds the native functions once and says
 * why when it cannot. The tests every backend must pass are in the {@code callgate-backend-contract}
 * artifact. An application only chooses which OS modules to depend on; it does not use this package.
 *
 * @since 1.0
 */
package dev.callgate.spi;
