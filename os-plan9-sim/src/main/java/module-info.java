/** callgate's OS backend over a simulated Plan 9 kernel; selected by {@code -Dcallgate.os=plan9-sim}. */
module dev.callgate.os.plan9sim {
    requires dev.callgate;

    exports dev.callgate.os.plan9sim;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.plan9sim.Plan9SimBackendProvider;
}
