package dev.callgate.spi;

/**
 * A selected backend whose native layer cannot be loaded on this machine (a missing library, a
 * missing symbol, an unsupported architecture). The message names the cause and the fix.
 *
 * @since 1.0
 */
public class BackendUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
