package dev.callgate.it.support;

import java.nio.file.Path;

/** Where {@code callgate.jar} is: the integration pom resolves its dependency on it and passes the path on. */
public final class CliJar {

    /** The system property that failsafe sets to the resolved {@code dev.callgate:callgate-cli:jar:app}. */
    public static final String PROPERTY = "test.callgate.cli.jar";

    private CliJar() {}

    /**
     * The jar's path.
     *
     * @throws AssertionError if the property is missing, which means the tests were not started by
     *     the integration module's build
     */
    public static Path path() {
        String path = System.getProperty(PROPERTY, "");
        if (path.isBlank() || path.startsWith("${")) {
            throw new AssertionError("system property " + PROPERTY + " is not set (\"" + path + "\"): run these tests"
                    + " through Maven (./mvnw verify), whose failsafe configuration sets it from the dependency"
                    + " dev.callgate:callgate-cli:jar:app, or set it to a callgate.jar");
        }
        return Path.of(path);
    }
}
