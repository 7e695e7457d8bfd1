package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every callgate.* property parsed and checked in one place, with messages that name the fix. */
class SettingsTest {

    private static Settings of(String... keyValues) {
        Map<String, String> properties = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(properties, null);
    }

    private static String refused(String... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> of(keyValues)).getMessage();
    }

    @Test
    void noPropertiesMeansTheDefaults() {
        Settings s = of();
        assertAll(
                () -> assertEquals(ExitGuard.Mode.AUTO, s.exitGuard()),
                                () -> assertEquals(10, s.diagnosticTimeoutMillis()),
                () -> assertNull(s.osOverride()),
                () -> assertFalse(s.requireOsModule()),
                () -> assertFalse(s.linuxDisabled()),
                () -> assertFalse(s.agentDebug()),
                () -> assertFalse(s.jnaRouteOnly()));
    }

    @Test
    void theRouteTakesAutoOrJnaAndNamesTheFixOtherwise() {
        assertTrue(of(Settings.ROUTE, " JNA ").jnaRouteOnly());
        assertFalse(of(Settings.ROUTE, "auto").jnaRouteOnly());
        for (String bad : new String[] {"ffm", "off", "", "jna,ffm"}) {
            String message = refused(Settings.ROUTE, bad);
            assertTrue(message.contains("-Dcallgate.route=" + bad + " is not auto or jna"), message);
            assertTrue(message.contains("remove the property for the default, auto"), message);
        }
        assertTrue(refused("callgate.rout", "jna").contains("did you mean callgate.route?"));
    }

    @Test
    void theExitGuardTakesItsDocumentedModesInAnyCase() {
        assertEquals(ExitGuard.Mode.AUTO, of(Settings.EXIT_GUARD, " AUTO ").exitGuard());
        assertEquals(ExitGuard.Mode.ALWAYS, of(Settings.EXIT_GUARD, "always").exitGuard());
        assertEquals(ExitGuard.Mode.OFF, of(Settings.EXIT_GUARD, "off").exitGuard());
        assertEquals(ExitGuard.Mode.OFF, of(Settings.EXIT_GUARD, "False").exitGuard());
                assertEquals(ExitGuard.Mode.AUTO, of(Settings.EXIT_GUARD, "true").exitGuard());
    }

    @Test
    void anExitGuardValueOutsideTheModesNamesThePropertyTheValueAndTheModes() {
        for (String bad : new String[] {"0", "maybe", "no", "1"}) {
            String message = refused(Settings.EXIT_GUARD, bad);
            assertAll(bad,
                    () -> assertTrue(message.contains("-Dcallgate.exitGuard=" + bad + " is not one of auto (the default), always, off"),
                            message),
                    () -> assertTrue(message.contains("false (= off)"), message),
                    () -> assertTrue(message.contains("remove the property for the default, auto"), message));
        }
    }

    @Test
    void theTimeoutTakesOneTo60000AndSaysSoOtherwise() {
        assertEquals(1, of(Settings.DIAGNOSTIC_TIMEOUT_MILLIS, "1").diagnosticTimeoutMillis());
        assertEquals(60_000, of(Settings.DIAGNOSTIC_TIMEOUT_MILLIS, " 60000 ").diagnosticTimeoutMillis());
        for (String bad : new String[] {"0", "-5", "60001", "abc", "10ms", "", "99999999999999999999"}) {
            String message = refused(Settings.DIAGNOSTIC_TIMEOUT_MILLIS, bad);
            assertTrue(message.contains("-Dcallgate.diagnosticTimeoutMillis=" + bad
                    + " is not a whole number of milliseconds from 1 to 60000"), message);
            assertTrue(message.contains("the default, 10"), message);
        }
    }

    @Test
    void flagsTakeTrueOrFalseOnly() {
        assertTrue(of(Settings.REQUIRE_OS_MODULE, "TRUE").requireOsModule());
        assertTrue(of(Settings.LINUX_DISABLE, "true").linuxDisabled());
        assertTrue(of(Settings.AGENT_DEBUG, "true").agentDebug());
        for (String key : new String[] {Settings.REQUIRE_OS_MODULE, Settings.LINUX_DISABLE, Settings.AGENT_DEBUG}) {
            String message = refused(key, "yes");
            assertTrue(message.contains("-D" + key + "=yes is not true or false"), message);
        }
    }

    @Test
    void theOsOverrideIsTheTrimmedPropertyElseTheEnvironment() {
        assertEquals("linux", Settings.of(Map.of(Settings.OS, " linux "), "darwin").osOverride());
        assertEquals("darwin", Settings.of(Map.of(Settings.OS, "  "), " darwin").osOverride());
        assertNull(Settings.of(Map.of(), " ").osOverride());
    }

    @Test
    void aTypoedKeyIsRefusedWithTheKeyItMeant() {
        String message = refused("callgate.exitgaurd", "off");
        assertAll(
                () -> assertTrue(message.contains("-Dcallgate.exitgaurd=off: callgate.exitgaurd is no callgate property"),
                        message),
                () -> assertTrue(message.contains("did you mean callgate.exitGuard?"), message),
                () -> assertTrue(message.contains("callgate.requireOsModule"), "lists the properties: " + message));
        assertTrue(refused("callgate.exitguard", "off").contains("did you mean callgate.exitGuard?"));
        assertTrue(refused("callgate.diagnosticTimeoutMilis", "5").contains("did you mean callgate.diagnosticTimeoutMillis?"));
        assertTrue(refused("callgate.OS", "linux").contains("did you mean callgate.os?"));
        assertTrue(refused("callgate.requireOSModule", "true").contains("did you mean callgate.requireOsModule?"));
    }

    @Test
    void aKeyNearNothingIsRefusedWithoutAGuess() {
        String message = refused("callgate.bogus", "1");
        assertTrue(message.contains("callgate.bogus is no callgate property. Fix: remove it"), message);
        assertFalse(message.contains("did you mean"), message);
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        String message = refused(Settings.EXIT_GUARD, "maybe", Settings.DIAGNOSTIC_TIMEOUT_MILLIS, "x", "callgate.jfr", "on");
        assertTrue(message.startsWith("callgate: 3 bad system properties: "), message);
        assertTrue(message.contains("callgate.exitGuard=maybe") && message.contains("callgate.diagnosticTimeoutMillis=x")
                && message.contains("callgate.jfr=on"), message);
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        String message = refused(Settings.REQUIRE_OS_MODULE, "x".repeat(10_000));
        assertTrue(message.contains("-Dcallgate.requireOsModule=" + "x".repeat(Settings.SHOWN_VALUE_CHARS) + "... is not"),
                message);
        assertTrue(message.length() < 400, message);
    }

    @Test
    void keysOutsideTheCallgateNamespaceAreNotSettings() {
        Properties all = new Properties();
        all.setProperty("test.callgate.cli.jar", "/x/callgate.jar");
        all.setProperty("callgatex.y", "z");
        assertEquals(Map.of(), Settings.callgateProperties(all));
    }

    @Test
    void onlyKeysWithTheCallgatePrefixInAnyCaseAreConsidered() {
        Properties all = new Properties();
        all.setProperty("callgate.os", "linux");
        all.setProperty("Callgate.exitGuard", "off");
        all.setProperty("callgatex", "1");
        all.setProperty("java.home", "/jdk");
        assertEquals(Map.of("callgate.os", "linux", "Callgate.exitGuard", "off"), Settings.callgateProperties(all));
    }

    @Test
    void aBadTimeoutIsTheSameClearExceptionOnEveryUseNeverAPoisonedClass() throws Exception {
        ChildJvmResult run = child(OncePerJvmMain.class, "channel", "-Dcallgate.diagnosticTimeoutMillis=0");

        assertEquals(0, run.exitCode(), run::toString);
        for (int i = 1; i <= 2; i++) {
            assertTrue(run.stdoutLine("channel " + i + ": ").startsWith("channel " + i
                    + ": java.lang.IllegalArgumentException: callgate: a bad system property:"
                    + " -Dcallgate.diagnosticTimeoutMillis=0 is not a whole number of milliseconds"), run::toString);
        }
        assertEquals("channel 1: 2000000000 ns", child(OncePerJvmMain.class, "channel",
                "-Dcallgate.diagnosticTimeoutMillis=2000").stdoutLine("channel 1: "));
    }

    /** {@code main} with one argument and these JVM options in a child JVM on this module's class path; no core dump. */
    private static ChildJvmResult child(Class<?> main, String argument, String... jvmOptions) {
        return ChildJvm.mainClass(main).noCoreDump().jvmOptions(jvmOptions).args(argument).run();
    }
}
