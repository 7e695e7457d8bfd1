package dev.callgate.os.linux;

/**
 * The outcome of probing one native capability once: whether it is there, and in words what was
 * found or why it is missing. Kept so that a later failure can say why, not just "unavailable".
 *
 * @param name the capability, such as {@code "gettid()"}
 * @param available whether it can be used
 * @param detail what was found, or why it is missing and what would fix it
 */
public record NativeCapability(String name, boolean available, String detail) {

    static NativeCapability present(String name, String detail) {
        return new NativeCapability(name, true, detail);
    }

    static NativeCapability missing(String name, String reason) {
        return new NativeCapability(name, false, reason);
    }

    /** Such as {@code "gettid(): available (glibc 2.30 or later)"}. */
    @Override
    public String toString() {
        return name + ": " + (available ? "available" : "unavailable") + " (" + detail + ")";
    }
}
