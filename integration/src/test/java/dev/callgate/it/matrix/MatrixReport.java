package dev.callgate.it.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code matrix-report.md}: one markdown table row per case (cell, JVM, result, seconds), written
 * whether the cases passed, failed or were skipped, so a red build still says which cell broke.
 */
final class MatrixReport {

    private record Row(String cell, String jvm, String how, String result, double seconds) {}

    private final List<Row> rows = new ArrayList<>();
    private String note;

    /**
     * Records a case; {@code javaVersion} is {@code java.version} as the JVM inside reported it, or
     * null; {@code how} says whether the cell's architecture ran natively or emulated, and why.
     */
    synchronized void add(MatrixCase matrixCase, String javaVersion, String how, String result, double seconds) {
        String jvm = matrixCase.jvm() + ", java.version " + (javaVersion == null ? "not reported" : javaVersion);
        rows.add(new Row(matrixCase.cell().tag(), jvm, how, result, seconds));
    }

    /** A line above the table, e.g. why the whole matrix did not run. */
    synchronized void note(String line) {
        note = line;
    }

    /** The report as markdown. */
    synchronized String markdown(String dockerVersion) {
        StringBuilder md = new StringBuilder();
        md.append("# callgate Testcontainers matrix\n\n");
        md.append("Run ").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)))
                .append(", Docker engine ").append(dockerVersion)
                .append(", containers with network mode none; scenarios per cell: `doctor`,")
                .append(" `demo --policy warn-once --calls 200 --threads 4`, `demo --policy abort --calls 50 --threads 1`,")
                .append(" a plain-JNA program under the agent (on the FFM route in Temurin 25 rows of a JDK 22+ build, JNA's elsewhere), callgate-ffm's demo (Temurin 25 rows of a JDK 22+ build),")
                .append(" os-linux's native-call tests.\n\n");
        if (note != null) {
            md.append(note).append("\n\n");
        }
        if (rows.isEmpty()) {
            return md.toString();
        }
        md.append("| cell | JVM | how it ran | result | seconds |\n|---|---|---|---|---:|\n");
        for (Row row : rows) {
            md.append("| ").append(cell(row.cell())).append(" | ").append(cell(row.jvm())).append(" | ")
                    .append(cell(row.how())).append(" | ").append(cell(row.result())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", row.seconds())).append(" |\n");
        }
        return md.toString();
    }

    /** Writes {@link #markdown} to {@code file}, creating its directory. */
    void write(Path file, String dockerVersion) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown(dockerVersion), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the matrix report " + file, e);
        }
    }

    // A table cell holds one line and no pipe.
    private static String cell(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.replace("|", "\\|");
    }
}
