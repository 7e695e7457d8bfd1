package dev.callgate.spi;

/**
 * A provider's answer to "do you serve this platform?": yes, or no with the reason, which ends up
 * in the selection error a user reads.
 *
 * @param serves whether the provider serves the platform
 * @param reason why not, or what matched, in words a user understands
 * @since 1.0
 */
public record PlatformMatch(boolean serves, String reason) {

    /** The provider serves the platform; {@code reason} says what matched. */
    public static PlatformMatch serves(String reason) {
        return new PlatformMatch(true, reason);
    }

    /** The provider does not serve the platform, because of {@code reason}. */
    public static PlatformMatch rejects(String reason) {
        return new PlatformMatch(false, reason);
    }
}
