package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void versionIsTheBuildsProjectVersion() {
        String built = System.getProperty("test.callgate.version");
        assertNotNull(built, "surefire passes test.callgate.version (platform-api/pom.xml)");
        assertEquals(built, CallGate.version());
    }
}
