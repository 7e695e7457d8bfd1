/**
 * callgate's OS backend over a simulated Plan 9 process, selected only by
 * {@code -Dcallgate.os=plan9-sim}. Pure Java: it lets the Plan 9 write path ({@code pwrite} at
 * offset -1 on {@code /dev/cons}) run and be tested on any host.
 *
 * <ul>
 *   <li>{@link dev.callgate.os.plan9sim.Plan9SimBackendProvider}: the {@code ServiceLoader} entry.
 *   <li>{@code Plan9SimBackend}: the backend and its {@code pwrite} write.
 *   <li>{@code Plan9Process}: descriptors, {@code pwrite}, {@code errstr}, {@code exits}.
 *   <li>{@code Plan9Console}: {@code /dev/cons}, which tests can capture or stall.
 * </ul>
 */
package dev.callgate.os.plan9sim;
