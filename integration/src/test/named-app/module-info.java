/**
 * An application that is a named module, as a callgate user writes one: it requires
 * {@code dev.callgate} (JNA comes with it) and opens the package of its callback interfaces to
 * both modules that call them reflectively. {@code NamedApplicationTest} compiles and runs it.
 */
module example.app {
    requires dev.callgate;

    opens example.app to dev.callgate, com.sun.jna;
}
