package dev.callgate;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;

/**
 * The OS backend in use and how it was chosen.
 *
 * @param provider the selected provider
 * @param backend the backend it created
 * @param how how it was chosen, such as {@code os.name "Linux"} or
 *     {@code override -Dcallgate.os=plan9-sim}
 */
public record BackendSelection(OsBackendProvider provider, OsBackend backend, String how) {}
