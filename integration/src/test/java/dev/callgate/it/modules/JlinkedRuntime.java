package dev.callgate.it.modules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A Java runtime image that {@code jlink} makes from this JDK with only the modules asked for, kept
 * under {@code target/} and made again only when the JDK or the module list changes (jlink takes
 * seconds).
 */
final class JlinkedRuntime {

    private JlinkedRuntime() {}

    /**
     * The {@code java} binary of an image of {@code modules} (comma-separated, e.g.
     * {@code java.base,java.logging}) in {@code directory}.
     *
     * @throws AssertionError if this JDK has no jlink or jlink fails, with its output
     */
    static Path java(Path directory, String modules) {
        Path stamp = directory.resolve("callgate-image.txt");
        String wanted = System.getProperty("java.home") + " " + Runtime.version() + " " + modules;
        try {
            if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(wanted)) {
                link(directory, modules);
                Files.writeString(stamp, wanted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the runtime image in " + directory, e);
        }
        return directory.resolve("bin").resolve("java");
    }

    private static void link(Path directory, String modules) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new AssertionError(
                "this JDK (" + System.getProperty("java.home") + ") has no jlink; run the tests on a full JDK"));
        delete(directory);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int status = jlink.run(out, out, "--add-modules", modules, "--no-header-files", "--no-man-pages",
                    "--output", directory.toString());
            if (status != 0) {
                throw new AssertionError("jlink --add-modules " + modules + " failed (" + status + "):\n"
                        + output.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> all = Files.walk(directory)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
