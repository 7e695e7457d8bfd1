package dev.callgate.it.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code cells.tsv}, the manifest {@code build-images.sh} builds its images from, so the
 * test and the image build can never disagree about which cells exist.
 */
final class CellManifest {

    static final String FILE = "cells.tsv";
    static final String BUILD_SCRIPT = "build-images.sh";

    private CellManifest() {}

    /** The images directory: system property {@code test.callgate.images.dir}, set by the integration pom. */
    static Path imagesDir() {
        return Path.of(System.getProperty("test.callgate.images.dir", "images")).toAbsolutePath();
    }

    /** Every cell of {@code imagesDir}/cells.tsv, in file order. */
    static List<MatrixCell> read(Path imagesDir) {
        Path manifest = imagesDir.resolve(FILE);
        Path script = imagesDir.resolve(BUILD_SCRIPT);
        try {
            byte[] scriptBytes = Files.readAllBytes(script);
            List<MatrixCell> cells = new ArrayList<>();
            int lineNumber = 0;
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                lineNumber++;
                MatrixCell cell = parse(line, lineNumber, manifest, scriptBytes);
                if (cell != null) {
                    cells.add(cell);
                }
            }
            if (cells.isEmpty()) {
                throw new IllegalStateException(manifest + " lists no cells: the matrix would test nothing");
            }
            return cells;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the matrix manifest " + manifest + " or " + script
                    + " (system property test.callgate.images.dir must name integration/images)", e);
        }
    }

    private static MatrixCell parse(String line, int lineNumber, Path manifest, byte[] scriptBytes) {
        // Split the way build-images.sh's `IFS=$'\t' read -r` does: tabs are IFS whitespace, so
        // leading/trailing ones are dropped, runs of them separate once, and the sixth field
        // keeps the rest of the line.
        String trimmed = line.replaceAll("^\t+|\t+$", "");
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] f = trimmed.split("\t+", 6);
        if (f.length < 6) {
            throw new IllegalStateException(manifest + ":" + lineNumber + " has " + f.length
                    + " tab-separated columns, 6 expected (image suite arch java temurin25 packages): " + line);
        }
        return new MatrixCell(f[0], f[1], f[2], f[3], Boolean.parseBoolean(f[4]), f[5],
                spec(scriptBytes, String.join("\t", f) + "\n"));
    }

    /** What build-images.sh labels an image with: sha256 of the script followed by the row it printf'd back. */
    private static String spec(byte[] scriptBytes, String row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scriptBytes);
            sha.update(row.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
