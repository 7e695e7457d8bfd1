package dev.callgate.it.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the matrix: a cell and the JVM that runs callgate in it, either the suite's own
 * (installed in the image) or the host's Temurin 25, bound read-only into the container.
 *
 * @param cell the image and what it promises
 * @param jvm what the JVM is, for people: "Debian OpenJDK 17", "Temurin 25 (host JDK, bound read-only)"
 * @param javaHome the JVM's home inside the container; {@code java.home} must report it
 * @param hostJvm the host directory bound read-only at {@code javaHome}, when the JVM is not in the image
 */
record MatrixCase(MatrixCell cell, String jvm, String javaHome, Optional<Path> hostJvm) {

    /** Where a host JVM is bound inside the container. */
    static final String TEMURIN_IN_CONTAINER = "/opt/temurin-25";

    private static final Pattern DEBIAN_OPENJDK = Pattern.compile("/usr/lib/jvm/java-(\\d+)-openjdk-[^/]+");

    /**
     * The cases of {@code cell}: its own JVM always, and Temurin 25 from {@code temurinHome} when
     * the manifest asks for it.
     */
    static List<MatrixCase> of(MatrixCell cell, Path temurinHome) {
        List<MatrixCase> cases = new ArrayList<>();
        String ownHome = homeOf(cell.java(), cell);
        cases.add(new MatrixCase(cell, ownJvmName(ownHome), ownHome, Optional.empty()));
        if (cell.temurin25()) {
            cases.add(new MatrixCase(cell, "Temurin 25 (host JDK, bound read-only)", TEMURIN_IN_CONTAINER, Optional.of(temurinHome)));
        }
        return cases;
    }

    /** The java launcher inside the container. */
    String java() {
        return javaHome + "/bin/java";
    }

    /** The JVM's major version the cell promises, read from its name ("Debian OpenJDK 21" gives 21). */
    String expectedMajorVersion() {
        Matcher m = Pattern.compile("(\\d+)").matcher(jvm);
        if (!m.find()) {
            throw new IllegalStateException("JVM name " + jvm + " carries no version");
        }
        return m.group(1);
    }

    // Honest names: trixie has no OpenJDK 17, so its own JVM is named for what it is (21).
    private static String ownJvmName(String home) {
        Matcher m = DEBIAN_OPENJDK.matcher(home);
        if (!m.matches()) {
            throw new IllegalStateException("cells.tsv java " + home + "/bin/java is not a Debian OpenJDK"
                    + " (/usr/lib/jvm/java-<N>-openjdk-<arch>/bin/java): name it in MatrixCase.ownJvmName()");
        }
        return "Debian OpenJDK " + m.group(1);
    }

    private static String homeOf(String java, MatrixCell cell) {
        if (!java.endsWith("/bin/java")) {
            throw new IllegalStateException("cells.tsv row " + cell.image() + ": java column " + java
                    + " must end in /bin/java");
        }
        return java.substring(0, java.length() - "/bin/java".length());
    }

    /** How JUnit names the case: {@code bookworm-i386, Debian OpenJDK 17}. */
    @Override
    public String toString() {
        return cell.tag() + ", " + jvm;
    }
}
