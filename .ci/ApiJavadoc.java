import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Checks that the javadoc jars of callgate's API (callgate-platform-api, callgate-ffm) document the
 * API only: no internal package ({@code dev.callgate.internal}, {@code dev.callgate.ffm.internal},
 * which the javadoc plugin's {@code excludePackageNames} keeps out) and no demo class.
 *
 * <p>Usage: {@code java .ci/ApiJavadoc.java JAVADOC_JAR...}, after {@code ./mvnw package} (or
 * install or deploy) made them. Prints one line per jar and exits 1 when any jar is not a
 * javadoc jar or documents what is not API.
 */
public class ApiJavadoc {

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java .ci/ApiJavadoc.java JAVADOC_JAR...");
            System.exit(2);
        }
        int failed = 0;
        for (String jar : args) {
            List<String> wrong = notApi(Path.of(jar));
            String shown = wrong.size() <= 10 ? wrong.toString() : wrong.subList(0, 10) + " and " + (wrong.size() - 10) + " more";
            System.out.println((wrong.isEmpty() ? "API only: " : "NOT API:  ") + jar + (wrong.isEmpty() ? "" : " " + shown));
            failed += wrong.isEmpty() ? 0 : 1;
        }
        if (failed > 0) {
            System.out.println("ApiJavadoc: " + failed + " javadoc jar(s) document more than the API. Fix: keep internal"
                    + " packages out (the root POM's maven-javadoc-plugin excludePackageNames) and move demo classes"
                    + " out of the API's packages.");
            System.exit(1);
        }
        System.out.println("ApiJavadoc: " + args.length + " javadoc jar(s) document the API only");
    }

    /** What {@code jar} documents that is not API, or why it is no javadoc jar. */
    static List<String> notApi(Path jar) throws IOException {
        List<String> wrong = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry elementList = file.getEntry("element-list");
            if (elementList == null) {
                return List.of("no element-list: not a javadoc jar");
            }
            String list = new String(file.getInputStream(elementList).readAllBytes(), StandardCharsets.UTF_8);
            List<String> packages = list.lines().filter(l -> !l.isBlank() && !l.startsWith("module:")).toList();
            if (packages.isEmpty()) {
                wrong.add("no package documented");
            }
            packages.stream().filter(ApiJavadoc::isInternal).forEach(p -> wrong.add("package " + p));
            file.stream().map(ZipEntry::getName)
                    .filter(name -> Arrays.asList(name.split("/")).contains("internal") || isDemoPage(name))
                    .forEach(wrong::add);
        }
        return wrong;
    }

    private static boolean isInternal(String packageName) {
        return Arrays.asList(packageName.split("\\.")).contains("internal");
    }

    /** A class page such as {@code dev/callgate/ffm/FfmDemo.html} (or a nested class's, {@code FfmDemo.X.html}). */
    private static boolean isDemoPage(String name) {
        String page = name.substring(name.lastIndexOf('/') + 1);
        return page.matches("[A-Z]\\w*Demo(\\.\\w+)*\\.html");
    }
}
