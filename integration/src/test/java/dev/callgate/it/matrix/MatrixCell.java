package dev.callgate.it.matrix;

/**
 * One row of {@code integration/images/cells.tsv}: a Debian root file system built into a local
 * Docker image by {@code integration/images/build-images.sh}.
 *
 * @param image docker image name, e.g. {@code callgate-cell:bookworm-amd64}
 * @param suite Debian suite, e.g. {@code bookworm}
 * @param arch Debian architecture of the root file system and its JVM ({@code amd64}, {@code i386}, {@code arm64})
 * @param java absolute path of the suite's own JVM launcher inside the image
 * @param temurin25 whether the cell also runs on the host's Temurin 25, bound read-only
 * @param packages the packages column, as written
 * @param spec the label {@code build-images.sh} puts on an image built from exactly this row and
 *     this version of the script; an image with another label is stale
 */
record MatrixCell(String image, String suite, String arch, String java, boolean temurin25, String packages, String spec) {

    /** The image tag, e.g. {@code bookworm-i386}: the cell's short name. */
    String tag() {
        return image.substring(image.indexOf(':') + 1);
    }

    /** {@code os.arch} a JVM of this architecture reports: Debian's {@code amd64} and {@code i386} are also Java's; {@code arm64} is {@code aarch64}. */
    String expectedOsArch() {
        return arch.equals("arm64") ? "aarch64" : arch;
    }

    /** {@code Native.POINTER_SIZE} of a JVM of this architecture. */
    int expectedPointerSize() {
        return switch (arch) {
            case "amd64", "arm64" -> 8;
            case "i386", "armhf" -> 4;
            default -> throw new IllegalStateException("cells.tsv row " + image + " has arch " + arch
                    + ", whose pointer size this test does not know: add it to MatrixCell.expectedPointerSize()");
        };
    }
}
