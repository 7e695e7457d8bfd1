/** callgate's OS backend over a simulated Plan 9 process; selected by {@code -Dcallgate.os=plan9-sim}. */
module dev.callgate.os.plan9sim {
    requires dev.callgate;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.plan9sim.Plan9SimBackendProvider;
}
