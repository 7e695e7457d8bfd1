package dev.callgate.os.plan9sim;

/**
 * Told when a simulated process calls {@code exits}. Set it with
 * {@link Plan9Kernel#setExitHook(ExitHook)}; the default does nothing, the status stays readable
 * through {@link Plan9Process#exitStatus()}.
 */
@FunctionalInterface
public interface ExitHook {

    /**
     * @param process the process that exited
     * @param status its exit string: empty for success, else the reason, such as {@code "sys: abort"}
     */
    void exited(Plan9Process process, String status);
}
