/**
 * callgate's public API ({@code dev.callgate}) and the service interface an OS module implements
 * ({@code dev.callgate.spi}). The gate's machinery ({@code dev.callgate.internal}) is exported only
 * to callgate's own modules: it is not API and may change in any release.
 *
 * <p>{@code jdk.jfr} is optional: callgate commits its JFR event only when {@code jdk.jfr} is in the
 * boot layer, and a runtime without it (a {@code jlink} image) runs callgate as well.
 *
 * @since 1.0
 */
@SuppressWarnings("module") // the qualified exports name modules that are built after this one
module dev.callgate {
    requires transitive com.sun.jna;
    requires static jdk.jfr;

    exports dev.callgate;
    exports dev.callgate.spi;
    exports dev.callgate.internal to
            dev.callgate.ffm, // the FFM route and FfmCallGate build gates
            dev.callgate.os.linux, // the exit guard's settings
            dev.callgate.spi.contract; // the backend contract kit times a gate over a backend

    uses dev.callgate.spi.OsBackendProvider;
    uses dev.callgate.internal.JnaUpcalls; // callgate-ffm: the FFM route for JNA callbacks, JDK 22+
}
