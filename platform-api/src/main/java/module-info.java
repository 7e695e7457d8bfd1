/**
 * callgate's public API ({@code dev.callgate}), the service interface an OS module implements
 * ({@code dev.callgate.spi}), and the gate's machinery that callgate's own modules share
 * ({@code dev.callgate.internal}: not API, it may change in any release).
 */
module dev.callgate {
    requires transitive com.sun.jna;
    requires jdk.jfr;

    exports dev.callgate;
    exports dev.callgate.spi;
    exports dev.callgate.internal;

    uses dev.callgate.spi.OsBackendProvider;
    uses dev.callgate.internal.JnaUpcalls; // callgate-ffm: the FFM route for JNA callbacks, JDK 22+
}
