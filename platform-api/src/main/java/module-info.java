/**
 * callgate's public API ({@code dev.callgate}) and the service interface an OS module implements
 * ({@code dev.callgate.spi}).
 */
module dev.callgate {
    requires transitive com.sun.jna;
    requires jdk.jfr;

    exports dev.callgate;
    exports dev.callgate.spi;

    uses dev.callgate.spi.OsBackendProvider;
}
