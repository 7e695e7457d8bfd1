/**
 * A small simulated Plan 9 kernel ({@link dev.callgate.os.plan9sim.Plan9Kernel},
 * {@link dev.callgate.os.plan9sim.Plan9Process}) and callgate's OS backend over it
 * ({@link dev.callgate.os.plan9sim.Plan9SimBackend}), selected by {@code -Dcallgate.os=plan9-sim}.
 * Pure Java: it lets the Plan 9 write path ({@code pwrite} at offset -1 on {@code /dev/cons}) run
 * and be tested on any host.
 */
package dev.callgate.os.plan9sim;
