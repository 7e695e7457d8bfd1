package dev.callgate.os.linux;

/** Child JVM for {@link LinuxBackendChildProcessTest}: says it is about to abort, then aborts. */
public final class AbortingMain {

    /** The line written to fd 2 just before {@code abort()}. */
    static final String LAST_WORDS = "callgate-test: aborting now";

    private AbortingMain() {}

    public static void main(String[] args) {
        LinuxBackend backend = LinuxBackend.create();
        backend.stderr().write(dev.callgate.spi.NativeMessage.encode(LAST_WORDS));
        backend.abort();
        System.out.println("abort() returned"); // only seen when abort is broken
        System.exit(3);
    }
}
