package dev.callgate.os.plan9sim;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;

/**
 * Provides the simulated Plan 9 backend. No JVM runs on Plan 9, so the provider never matches an
 * {@code os.name}: it is chosen only by {@code -Dcallgate.os=plan9-sim} (or
 * {@code CALLGATE_OS=plan9-sim}). Cheap: the simulated process starts in {@link #create()}.
 */
public final class Plan9SimBackendProvider implements OsBackendProvider {

    /** Creates the provider; starts nothing. */
    public Plan9SimBackendProvider() {
    }

    @Override
    public String id() {
        return Plan9SimBackend.ID;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        return PlatformMatch.rejects("the Plan 9 simulator is chosen only by -Dcallgate.os=plan9-sim, never by os.name"
                + " (got \"" + osName + "\")");
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-plan9-sim";
    }

    /** A new simulated process whose {@code /dev/cons} is the host's standard error. */
    @Override
    public OsBackend create() {
        return new Plan9SimBackend(Plan9Console.onHostStderr());
    }
}
