package dev.callgate.os.darwin;

import dev.callgate.spi.contract.RecordingPosixLayer;

/**
 * The shared recording fake, standing in for libSystem on a machine that is not macOS: it records
 * calls instead of making them. Exists only because {@link DarwinBackend} takes a {@link DarwinNativeLayer}.
 */
final class RecordingLibSystem extends RecordingPosixLayer implements DarwinNativeLayer {
}
