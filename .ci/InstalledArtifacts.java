import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks, after {@code ./mvnw -DskipTests install}, that the local Maven repository holds every
 * published artifact of the reactor: its POM, and for a jar module its jar, and its sources and
 * javadoc jars when it has sources. "Published" is read from the POMs themselves, so a new module is checked without
 * editing this file: every module of the root POM (and of the profiles named on the command line)
 * whose POM does not set {@code maven.deploy.skip} to true.
 *
 * <p>Usage: {@code java .ci/InstalledArtifacts.java REPO_ROOT LOCAL_REPOSITORY [PROFILE...]}.
 * Prints one line per artifact and exits 1 when anything is missing.
 */
public class InstalledArtifacts {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java .ci/InstalledArtifacts.java REPO_ROOT LOCAL_REPOSITORY [PROFILE...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path local = Path.of(args[1]);
        Element rootPom = pom(root.resolve("pom.xml"));
        String groupId = text(rootPom, "groupId");
        String version = text(rootPom, "version");

        List<String> modules = new ArrayList<>(List.of(".")); // the parent POM, which every artifact's POM names
        modules.addAll(children(rootPom, "modules", "module"));
        for (int i = 2; i < args.length; i++) {
            modules.addAll(profileModules(rootPom, args[i]));
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String module : modules) {
            Element pom = pom(root.resolve(module).resolve("pom.xml"));
            if ("true".equals(property(pom, "maven.deploy.skip"))) {
                System.out.println("not published: " + module);
                continue;
            }
            String artifactId = text(pom, "artifactId");
            String packaging = text(pom, "packaging");
            Path dir = local.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
            List<String> files = new ArrayList<>(List.of(artifactId + "-" + version + ".pom"));
            if (packaging == null || packaging.equals("jar")) {
                files.add(artifactId + "-" + version + ".jar");
                boolean sources = Files.isDirectory(root.resolve(module).resolve("src/main/java"));
                if (sources && !"true".equals(property(pom, "maven.source.skip"))) {
                    files.add(artifactId + "-" + version + "-sources.jar");
                }
                if (sources && !"true".equals(property(pom, "maven.javadoc.skip"))) {
                    files.add(artifactId + "-" + version + "-javadoc.jar");
                }
            }
            List<String> absent = files.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
            System.out.println((absent.isEmpty() ? "installed: " : "MISSING:   ") + groupId + ":" + artifactId + ":"
                    + version + " " + (absent.isEmpty() ? files : absent) + " in " + dir);
            missing.addAll(absent);
            checked++;
        }
        if (!missing.isEmpty()) {
            System.out.println("InstalledArtifacts: " + missing.size() + " file(s) of published artifacts not installed: "
                    + missing + ". Fix: make ./mvnw -DskipTests install install them (or set maven.deploy.skip in a"
                    + " module that is not published).");
            System.exit(1);
        }
        System.out.println("InstalledArtifacts: every published artifact is installed (" + checked + " modules)");
    }

    private static Element pom(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return doc.getDocumentElement();
    }

    /** The text of a direct child element, or null. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<String> children(Element parent, String list, String item) {
        List<String> values = new ArrayList<>();
        Element container = child(parent, list);
        if (container != null) {
            for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(item)) {
                    values.add(e.getTextContent().trim());
                }
            }
        }
        return values;
    }

    private static List<String> profileModules(Element pom, String id) {
        Element profiles = child(pom, "profiles");
        if (profiles != null) {
            for (Node n = profiles.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element p && id.equals(text(p, "id"))) {
                    return children(p, "modules", "module");
                }
            }
        }
        throw new IllegalArgumentException("the root POM has no profile " + id);
    }

    private static String property(Element pom, String name) {
        Element properties = child(pom, "properties");
        return properties == null ? null : text(properties, name);
    }
}
