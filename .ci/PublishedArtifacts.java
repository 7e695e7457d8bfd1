import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What callgate publishes, read from the reactor's own POMs, against what the BOM lists and what a
 * release put in a repository. A module is published unless its POM sets {@code maven.deploy.skip};
 * every module of the root POM and of its profiles counts (a release builds them all), so a new
 * module is checked without editing this file.
 *
 * <p>Always: the BOM manages exactly the published artifacts (a shaded jar attached with a
 * classifier counts as one), and the release profile's Central exclusions are exactly the
 * unpublished modules. With a repository (after {@code ./mvnw -Prelease -DskipTests deploy
 * -DaltDeploymentRepository=local::file://DIR}): every published artifact's POM is there, and for
 * a jar its jar, classifier jars, sources and javadoc; every jar and classifier jar names itself
 * in its manifest (Implementation-Title, and Implementation-Version equal to the release's); and no
 * published POM depends, outside test scope, on an unpublished artifact.
 *
 * <p>Usage: {@code java .ci/PublishedArtifacts.java REPO_ROOT [REPOSITORY]}. Prints what it checked
 * and exits 1 when anything is wrong.
 */
public class PublishedArtifacts {

    private record Module(String dir, Element pom, String artifactId, String packaging, List<String> classifiers) {}

    private static final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java .ci/PublishedArtifacts.java REPO_ROOT [REPOSITORY]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Element rootPom = pom(root.resolve("pom.xml"));
        String groupId = text(rootPom, "groupId");
        String version = text(rootPom, "version");

        List<String> dirs = new ArrayList<>(List.of("."));
        dirs.addAll(children(rootPom, "modules", "module"));
        for (Element profile : elements(child(rootPom, "profiles"), "profile")) {
            dirs.addAll(children(profile, "modules", "module"));
        }
        Map<String, Module> published = new LinkedHashMap<>();
        TreeSet<String> unpublished = new TreeSet<>();
        for (String dir : dirs) {
            Element pom = pom(root.resolve(dir).resolve("pom.xml"));
            String artifactId = text(pom, "artifactId");
            if ("true".equals(property(pom, "maven.deploy.skip"))) {
                unpublished.add(artifactId);
            } else {
                String packaging = text(pom, "packaging");
                published.put(artifactId, new Module(dir, pom, artifactId, packaging == null ? "jar" : packaging,
                        attachedClassifiers(pom)));
            }
        }
        System.out.println("published: " + published.keySet());
        System.out.println("not published: " + unpublished);

        checkBom(root, published);
        checkCentralExclusions(root, unpublished);
        if (args.length == 2) {
            checkRepository(Path.of(args[1]), groupId, version, published, unpublished);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("PROBLEM: " + p));
            System.out.println("PublishedArtifacts: " + problems.size() + " problem(s)");
            System.exit(1);
        }
        System.out.println("PublishedArtifacts: ok (" + published.size() + " published modules)");
    }

    /** The BOM manages every published jar artifact (and its attached classifiers), and nothing else. */
    private static void checkBom(Path root, Map<String, Module> published) throws Exception {
        TreeSet<String> expected = new TreeSet<>();
        for (Module m : published.values()) {
            if (m.packaging().equals("jar")) {
                expected.add(m.artifactId());
                m.classifiers().forEach(c -> expected.add(m.artifactId() + ":" + c));
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        Element managed = child(child(pom(root.resolve("bom/pom.xml")), "dependencyManagement"), "dependencies");
        for (Element dep : elements(managed, "dependency")) {
            String type = text(dep, "type");
            String classifier = text(dep, "classifier");
            listed.add(text(dep, "artifactId") + (classifier == null ? "" : ":" + classifier)
                    + (type == null || type.equals("jar") ? "" : " (type " + type + ")"));
        }
        System.out.println("bom lists: " + listed);
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        TreeSet<String> extra = new TreeSet<>(listed);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add("bom/pom.xml does not manage the published " + missing + ": add them to its dependencyManagement");
        }
        if (!extra.isEmpty()) {
            problems.add("bom/pom.xml manages " + extra + ", which no module publishes: remove them");
        }
    }

    /** Central's bundle leaves out exactly what maven-deploy-plugin skips. */
    private static void checkCentralExclusions(Path root, TreeSet<String> unpublished) throws Exception {
        TreeSet<String> excluded = new TreeSet<>();
        for (Node n : descendants(pom(root.resolve("project/pom.xml")), "excludeArtifacts")) {
            for (Element a : elements((Element) n, "artifact")) {
                excluded.add(a.getTextContent().trim());
            }
        }
        if (!excluded.equals(unpublished)) {
            problems.add("project/pom.xml's central-publishing excludeArtifacts " + excluded
                    + " differ from the modules that set maven.deploy.skip " + unpublished + ": make them the same");
        }
    }

    private static void checkRepository(Path repository, String groupId, String version,
            Map<String, Module> published, TreeSet<String> unpublished) throws Exception {
        for (Module m : published.values()) {
            Path dir = repository.resolve(groupId.replace('.', '/')).resolve(m.artifactId()).resolve(version);
            String base = m.artifactId() + "-" + version;
            List<String> files = new ArrayList<>(List.of(base + ".pom"));
            if (m.packaging().equals("jar")) {
                files.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
                m.classifiers().forEach(c -> files.add(base + "-" + c + ".jar"));
            }
            List<String> absent = files.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
            System.out.println((absent.isEmpty() ? "deployed: " : "MISSING:  ") + groupId + ":" + m.artifactId()
                    + ":" + version + " " + (absent.isEmpty() ? files : absent) + " in " + dir);
            if (!absent.isEmpty()) {
                problems.add(m.artifactId() + ": " + absent + " not in " + dir
                        + ". Fix: make ./mvnw -Prelease -DskipTests deploy produce them");
                continue;
            }
            if (m.packaging().equals("jar")) {
                List<String> jars = new ArrayList<>(List.of(base + ".jar"));
                m.classifiers().forEach(c -> jars.add(base + "-" + c + ".jar"));
                for (String jar : jars) {
                    checkManifest(dir.resolve(jar), version);
                }
            }
            Element deployedPom = pom(dir.resolve(base + ".pom"));
            for (Element dep : elements(child(deployedPom, "dependencies"), "dependency")) {
                String scope = text(dep, "scope");
                if (groupId.equals(text(dep, "groupId")) && unpublished.contains(text(dep, "artifactId"))
                        && !"test".equals(scope)) {
                    problems.add("the published POM of " + m.artifactId() + " depends on " + text(dep, "artifactId")
                            + ", which is not published: a user's build cannot resolve it");
                }
            }
        }
    }

    /** A bug report's first question, answered by the jar itself. */
    private static void checkManifest(Path jar, String version) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            String title = main.getValue("Implementation-Title");
            String implementationVersion = main.getValue("Implementation-Version");
            if (title == null || !version.equals(implementationVersion)) {
                problems.add(jar.getFileName() + "'s manifest has Implementation-Title " + title + " and Implementation-Version "
                        + implementationVersion + ", not " + version + ": the parent's maven-jar-plugin sets them"
                        + " (addDefaultImplementationEntries); a shaded jar keeps its own module's manifest");
            }
        }
    }

    /** Classifiers of the shaded jars a module attaches (maven-shade-plugin's shadedClassifierName). */
    private static List<String> attachedClassifiers(Element pom) {
        List<String> classifiers = new ArrayList<>();
        for (Node n : descendants(pom, "configuration")) {
            Element config = (Element) n;
            if ("true".equals(text(config, "shadedArtifactAttached")) && text(config, "shadedClassifierName") != null) {
                classifiers.add(text(config, "shadedClassifierName"));
            }
        }
        return classifiers;
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static List<Node> descendants(Element root, String name) {
        List<Node> found = new ArrayList<>();
        var list = root.getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add(list.item(i));
        }
        return found;
    }

    /** The text of a direct child element, or null. */
    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<String> children(Element parent, String list, String item) {
        return elements(child(parent, list), item).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static String property(Element pom, String name) {
        return text(child(pom, "properties"), name);
    }
}
