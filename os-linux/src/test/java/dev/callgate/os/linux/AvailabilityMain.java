package dev.callgate.os.linux;

/** Child JVM for {@link LinuxBackendChildProcessTest}: prints the availability facade's verdict. */
public final class AvailabilityMain {

    private AvailabilityMain() {}

    public static void main(String[] args) {
        System.out.println("available=" + LinuxBackend.isAvailable());
        Throwable cause = LinuxBackend.unavailabilityCause();
        System.out.println("cause=" + (cause == null ? "none" : cause.getMessage()));
        try {
            new LinuxBackendProvider().create();
            System.out.println("create=ok");
        } catch (RuntimeException e) {
            System.out.println("create=" + e.getClass().getSimpleName());
        }
    }
}
