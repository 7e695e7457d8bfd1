package dev.callgate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version Maven wrote into {@code dev/callgate/version.properties} (a filtered resource, see
 * platform-api's pom.xml), read once. The resource sits in this class's own package, so the module
 * reads it without opening anything.
 */
final class BuildVersion {

    static final String VALUE = read();

    private BuildVersion() {}

    private static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version; // compiled without Maven's filtering
        } catch (IOException | IllegalArgumentException e) {
            return "unknown"; // an unreadable jar entry: the version is for bug reports, never worth a failure
        }
    }
}
