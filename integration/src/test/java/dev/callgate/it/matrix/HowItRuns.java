package dev.callgate.it.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this host runs a cell's architecture: natively, or emulated by qemu-user, in the words
 * {@code integration/images/qemu-binfmt.sh} recorded when it asked the kernel (for example
 * "emulated by qemu-user (/usr/bin/qemu-i386-static): the x86_64 kernel does not run i386 binaries
 * (Exec format error)"). The record lives in {@code /run/callgate-arch/<arch>}, which goes at
 * reboot like the binfmt_misc entry it describes.
 */
final class HowItRuns {

    static final Path RECORDS = Path.of(System.getProperty("test.callgate.arch.records", "/run/callgate-arch"));

    private HowItRuns() {}

    /**
     * How the host runs {@code debianArch}; empty when nothing recorded it and it is not the host's
     * own architecture, so that whether it runs at all is unknown.
     */
    static Optional<String> of(String debianArch) {
        Path record = RECORDS.resolve(debianArch);
        if (Files.isReadable(record)) {
            try {
                return Optional.of(Files.readString(record, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + record, e);
            }
        }
        if (debianArch.equals(hostDebianArch())) {
            return Optional.of("native: the host's own architecture");
        }
        return Optional.empty();
    }

    /**
     * The options every JVM of an emulated i386 cell gets: the interpreter only. Under qemu-i386,
     * Debian's i386 OpenJDK 17 crashed in 2 of 12 runs of the demo with its defaults, and in the
     * agent scenario with C1 alone: "guarantee(nm != NULL) failed" in RelocIterator::initialize
     * (relocInfo.cpp:124), with {@code ~SafepointBlob} on top of the stack: the handler of a
     * safepoint poll in compiled code found no compiled method at the address it was handed. Under
     * qemu-aarch64 the arm64 JVM crashed in 0 of 12 runs and keeps its defaults, as native cells do.
     * What callgate does does not depend on the JIT.
     */
    static List<String> jvmOptions(String debianArch) {
        boolean emulated = of(debianArch).filter(how -> how.startsWith("emulated")).isPresent();
        return emulated && debianArch.equals("i386") ? List.of("-Xint") : List.of();
    }

    /** The host JVM's {@code os.arch} in Debian's words. */
    static String hostDebianArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            default -> arch; // amd64 is the same in both
        };
    }
}
