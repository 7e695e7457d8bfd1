package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.RecordingPosixLayer;

/**
 * The shared recording fake, standing in for libc on a machine that is not FreeBSD: it records
 * calls instead of making them. Exists only because {@link FreeBsdBackend} takes a {@link FreeBsdNativeLayer}.
 */
final class RecordingLibC extends RecordingPosixLayer implements FreeBsdNativeLayer {
}
