package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.OsBackendProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSelectorTest {

    private final FakeProvider linux = new FakeProvider("linux", "Linux");
    private final FakeProvider darwin = new FakeProvider("darwin", "Mac OS X");
    private final FakeProvider windows = new FakeProvider("windows", "Windows");

    private String savedOverride;

    @BeforeEach
    void saveOverrideProperty() {
        savedOverride = System.getProperty(BackendSelector.OVERRIDE_PROPERTY);
    }

    @AfterEach
    void restoreOverrideProperty() {
        if (savedOverride == null) {
            System.clearProperty(BackendSelector.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(BackendSelector.OVERRIDE_PROPERTY, savedOverride);
        }
    }

    private static BackendSelector selectorOver(OsBackendProvider... providers) {
        return new BackendSelector(Stream.of(providers).<Supplier<OsBackendProvider>>map(p -> () -> p).toList());
    }

    @Test
    void osNamePicksTheProviderThatServesIt() {
        Backends.Selected selection = selectorOver(darwin, linux, windows).select("Linux", "amd64", null);

        assertSame(linux, selection.provider());
        assertEquals("linux", selection.backend().id());
        assertTrue(selection.how().contains("os.name \"Linux\""), selection.how());
        assertEquals("matched os.name \"Linux\" starts with \"Linux\"", selection.how(), "the provider's own reason");
    }

    @Test
    void onlyTheChosenProviderCreatesItsBackend() {
        selectorOver(darwin, linux, windows).select("Windows 11", "amd64", null);

        assertEquals(1, windows.createCalls());
        assertEquals(0, linux.createCalls(), "providers must stay cheap: only the chosen one loads native code");
        assertEquals(0, darwin.createCalls());
    }

    @Test
    void overrideByIdWinsOverOsNameAndIgnoresCase() {
        Backends.Selected selection = selectorOver(darwin, linux, windows).select("Mac OS X", "aarch64", "LiNuX");

        assertSame(linux, selection.provider());
        assertEquals(0, darwin.createCalls());
        assertTrue(selection.how().contains("override \"LiNuX\" (" + BackendSelector.OVERRIDE_PROPERTY),
                selection.how());
    }

    @Test
    void overrideSelectsAProviderThatServesNoOsName() {
        FakeProvider plan9 = new FakeProvider("plan9-sim", "\u0000never");

        assertSame(plan9, selectorOver(linux, plan9).select("Linux", "amd64", "plan9-sim").provider());
    }

    @Test
    void chooseNamesTheProviderWithoutCreatingItsBackend() {
        FakeProvider unavailable = new FakeProvider("linux", "Linux", () -> {
            throw new AssertionError("choose must not load native code");
        });

        assertSame(unavailable, selectorOver(darwin, unavailable).choose("Linux", "amd64", null));
        assertSame(darwin, selectorOver(darwin, unavailable).choose("Linux", "amd64", "DARWIN"));
        assertEquals(0, unavailable.createCalls());
        assertEquals(0, darwin.createCalls());
    }

    @Test
    void chooseFailsLikeSelect() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(linux).choose("Haiku", "x86_64", null));

        assertTrue(e.getMessage().contains("linux (dev.callgate:callgate-os-linux): os.name does not start with"),
                e.getMessage());
    }

    @Test
    void unknownOverrideListsTheValidIds() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(windows, linux, darwin).select("Linux", "amd64", "beos"));

        assertAll(
                () -> assertTrue(e.getMessage().contains("unknown OS backend id \"beos\""), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("Valid ids here: darwin, linux, windows"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(BackendSelector.OVERRIDE_PROPERTY), e.getMessage()));
    }

    @Test
    void overrideWithoutAnyProviderSaysNoneIsThere() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver().select("Linux", "amd64", "linux"));

        assertTrue(e.getMessage().contains("Valid ids here: none"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.callgate:callgate-os-linux"), e.getMessage());
    }

    @Test
    void noProvidersNamesTheModulesToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver().select("Linux", "amd64", null));

        assertAll(
                () -> assertTrue(e.getMessage().contains("no OS backend provider was found"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("dev.callgate:callgate-os-linux"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("dev.callgate:callgate-os-darwin"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("dev.callgate:callgate-os-windows"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("-D" + BackendSelector.OVERRIDE_PROPERTY + "=<id>"),
                        e.getMessage()));
    }

    @Test
    void noMatchListsEveryProviderWithItsRejection() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(linux, darwin, windows).select("Haiku", "x86_64", null));

        String message = e.getMessage();
        assertAll(
                () -> assertTrue(message.contains("no OS backend for os.name \"Haiku\", os.arch \"x86_64\""), message),
                () -> assertTrue(message.contains(
                        "linux (dev.callgate:callgate-os-linux): os.name does not start with \"Linux\""), message),
                () -> assertTrue(message.contains(
                        "darwin (dev.callgate:callgate-os-darwin): os.name does not start with \"Mac OS X\""), message),
                () -> assertTrue(message.contains(
                        "windows (dev.callgate:callgate-os-windows): os.name does not start with \"Windows\""), message));
    }

    @Test
    void twoMatchesAreAmbiguousAndNameBoth() {
        FakeProvider otherLinux = new FakeProvider("musl-linux", "Linux");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(linux, darwin, otherLinux).select("Linux", "amd64", null));

        assertAll(
                () -> assertTrue(e.getMessage().contains("more than one OS backend"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("linux (dev.callgate:callgate-os-linux)"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("musl-linux (dev.callgate:callgate-os-musl-linux)"),
                        e.getMessage()),
                () -> assertFalse(e.getMessage().contains("darwin"), "darwin does not fit: " + e.getMessage()));
        assertEquals(0, linux.createCalls());
        assertEquals(0, otherLinux.createCalls());
    }

    @Test
    void aProviderThatThrowsIsReportedEvenIfAnotherMatches() {
        RuntimeException broken = new IllegalStateException("static init of BrokenProvider failed");
        List<Supplier<OsBackendProvider>> candidates = List.of(() -> linux, () -> {
            throw broken;
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BackendSelector(candidates).select("Linux", "amd64", null));

        assertTrue(e.getMessage().contains("1 OS backend provider(s) failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains(
                "java.lang.IllegalStateException: static init of BrokenProvider failed"), e.getMessage());
        assertSame(broken, e.getCause());
        assertEquals(0, linux.createCalls(), "a broken class path must not be papered over");
    }

    @Test
    void aServiceConfigurationErrorIsReportedWithItsRootCause() {
        ServiceConfigurationError broken = new ServiceConfigurationError(
                "dev.callgate.spi.OsBackendProvider: Provider dev.callgate.os.linux.LinuxBackendProvider could not be"
                        + " instantiated", new NoClassDefFoundError("com/sun/jna/Native"));
        List<Supplier<OsBackendProvider>> candidates = List.of(() -> {
            throw broken;
        }, () -> linux);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BackendSelector(candidates).select("Linux", "amd64", null));

        assertTrue(e.getMessage().contains("java.util.ServiceConfigurationError"), e.getMessage());
        assertTrue(e.getMessage().contains("LinuxBackendProvider could not be instantiated"), e.getMessage());
        assertTrue(e.getMessage().contains("caused by java.lang.NoClassDefFoundError: com/sun/jna/Native"),
                e.getMessage());
        assertSame(broken, e.getCause());
    }

    @Test
    void everyBrokenProviderIsListed() {
        List<Supplier<OsBackendProvider>> candidates = List.of(() -> {
            throw new IllegalArgumentException("first");
        }, () -> linux, () -> {
            throw new NoClassDefFoundError("second");
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BackendSelector(candidates).select("Linux", "amd64", null));

        assertTrue(e.getMessage().contains("2 OS backend provider(s) failed to load"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.IllegalArgumentException: first"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.NoClassDefFoundError: second"), e.getMessage());
    }

    @Test
    void aBackendThatCannotStartNamesItselfAndTheCause() {
        BackendUnavailableException missing = new BackendUnavailableException(
                "libc.so.6 not found; install the C library or pick another backend");
        FakeProvider unavailable = new FakeProvider("linux", "Linux", () -> {
            throw missing;
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(unavailable, darwin).select("Linux", "amd64", null));

        assertAll(
                () -> assertTrue(e.getMessage().contains("\"linux\" (dev.callgate:callgate-os-linux)"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("os.name \"Linux\""), "says how it was chosen: "
                        + e.getMessage()),
                () -> assertTrue(e.getMessage().contains("cannot start: libc.so.6 not found"), e.getMessage()));
        assertSame(missing.getCause(), e.getCause(), "the explanation is said once: what it wraps is chained, not it");
    }

    @Test
    void aNativeLinkErrorInCreateIsWrappedToo() {
        UnsatisfiedLinkError linkError = new UnsatisfiedLinkError("Error looking up function 'gettid'");
        FakeProvider unavailable = new FakeProvider("linux", "Linux", () -> {
            throw linkError;
        });

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(unavailable).select("Linux", "amd64", "linux"));

        assertTrue(e.getMessage().contains("override \"linux\" (" + BackendSelector.OVERRIDE_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("Error looking up function 'gettid'"), e.getMessage());
        assertSame(linkError, e.getCause());
    }

    @Test
    void aClassLoaderWithoutProvidersGivesAClearError() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            BackendSelector selector = BackendSelector.fromServiceLoader(empty);

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> selector.select("Linux", "amd64", null));
            assertTrue(e.getMessage().contains("no OS backend provider was found"), e.getMessage());
            assertTrue(e.getMessage().contains("dev.callgate:callgate-os-linux"), e.getMessage());
        }
    }

    @Test
    void anUnreadableServicesFileEndsTheListingInsteadOfLoopingForever() {
        // getResources failing makes ServiceLoader's hasNext() fail the same way on every call.
        ClassLoader unreadable = new ClassLoader(null) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("disk went away");
            }
        };

        BackendSelector selector = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> BackendSelector.fromServiceLoader(unreadable));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selector.select("Linux", "amd64", null));
        assertTrue(e.getMessage().contains(BackendSelector.MAX_LISTED_LOAD_ERRORS + " OS backend provider(s) failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("disk went away"), e.getMessage());
    }

    @Test
    void serviceLoaderProvidersAreFoundThroughTheServicesFile(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = loaderWithServicesFile(dir, ServiceLoadedFakeProvider.class.getName())) {
            Backends.Selected selection = BackendSelector.fromServiceLoader(loader)
                    .select(ServiceLoadedFakeProvider.OS_NAME, "amd64", null);

            assertInstanceOf(ServiceLoadedFakeProvider.class, selection.provider());
            assertEquals("fake", selection.backend().id());
        }
    }

    @Test
    void aServicesFileNamingAMissingClassIsReportedNotSkipped(@TempDir Path dir) throws IOException {
        String missing = "dev.callgate.os.gone.GoneBackendProvider";
        try (URLClassLoader loader = loaderWithServicesFile(dir,
                ServiceLoadedFakeProvider.class.getName(), missing)) {
            BackendSelector selector = BackendSelector.fromServiceLoader(loader);

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> selector.select(ServiceLoadedFakeProvider.OS_NAME, "amd64", null));
            assertTrue(e.getMessage().contains("failed to load"), e.getMessage());
            assertTrue(e.getMessage().contains(missing), e.getMessage());
            assertInstanceOf(ServiceConfigurationError.class, e.getCause());
        }
    }

    @Test
    void overrideFromEnvironmentReadsTheSystemPropertyTrimmed() {
        System.setProperty(BackendSelector.OVERRIDE_PROPERTY, "  plan9-sim ");

        assertEquals("plan9-sim", BackendSelector.overrideFromEnvironment());
    }

    @Test
    void aBlankPropertyFallsBackToTheEnvironmentVariable() {
        System.setProperty(BackendSelector.OVERRIDE_PROPERTY, "   ");
        String env = System.getenv(BackendSelector.OVERRIDE_ENV);
        String expected = env == null || env.isBlank() ? null : env.trim();

        assertEquals(expected, BackendSelector.overrideFromEnvironment());
    }

    @Test
    void selectForThisJvmHonoursTheOverrideProperty() {
        System.setProperty(BackendSelector.OVERRIDE_PROPERTY, "darwin");

        Backends.Selected selection = selectorOver(linux, darwin, windows).selectForThisJvm();

        assertSame(darwin, selection.provider());
        assertTrue(selection.how().contains("override \"darwin\" (" + BackendSelector.OVERRIDE_PROPERTY), selection.how());
    }

    /** A class loader whose only resource is a services file listing {@code providerClasses}. */
    /** A provider that serves this JVM's os.name but cannot start. */
    private static FakeProvider servesThisJvmButCannotStart() {
        return new FakeProvider("linux", System.getProperty("os.name"), () -> {
            throw new BackendUnavailableException("libc.so.6 not found; install the C library");
        });
    }

    @Test
    void aModuleThatCannotStartFallsBackToJavaAndItsLineSaysWhy() {
        Backends.Selected selection = selectorOver(servesThisJvmButCannotStart(), darwin)
                .selectForThisJvm(Settings.of(Map.of(), null));

        assertTrue(selection.isJavaFallback(), selection::toString);
        assertEquals("java", selection.provider().id());
        assertTrue(selection.how().contains("the OS backend \"linux\" cannot start here: the Java fallback"), selection.how());
        assertTrue(selection.notice().startsWith("callgate: the OS module dev.callgate:callgate-os-linux cannot start"
                + " here. callgate gates on through Java"), selection.notice());
        assertTrue(selection.notice().endsWith("Why: libc.so.6 not found; install the C library"), selection.notice());
    }

    @Test
    void noModuleAtAllFallsBackToJavaNamingTheModuleToAdd() {
        Backends.Selected selection = selectorOver(darwin).selectForThisJvm(Settings.of(Map.of(), null));

        assertTrue(selection.isJavaFallback(), selection::toString);
        assertTrue(selection.notice().contains("Found: darwin (dev.callgate:callgate-os-darwin): "), selection.notice());
        assertEquals(null, selectorOver(linux).select("Linux", "amd64", null).notice(), "a module's selection says nothing");
    }

    @Test
    void namedByIdOrRequiredAModuleThatCannotStartStaysAnError() {
        IllegalStateException named = assertThrows(IllegalStateException.class, () -> selectorOver(
                servesThisJvmButCannotStart()).selectForThisJvm(Settings.of(Map.of(Settings.OS, "linux"), null)));
        assertTrue(named.getMessage().contains("cannot start: libc.so.6 not found"), named.getMessage());

        IllegalStateException required = assertThrows(IllegalStateException.class, () -> selectorOver(
                servesThisJvmButCannotStart()).selectForThisJvm(Settings.of(Map.of(Settings.REQUIRE_OS_MODULE, "true"), null)));
        assertEquals(IllegalStateException.class, required.getClass());
        assertTrue(required.getMessage().endsWith("(-Dcallgate.requireOsModule=true: no Java fallback)"),
                required.getMessage());
    }

    @Test
    void twoFittingModulesStayAnErrorWithoutAnOverride() {
        FakeProvider other = new FakeProvider("other", System.getProperty("os.name"));
        FakeProvider mine = new FakeProvider("mine", System.getProperty("os.name"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> selectorOver(other, mine).selectForThisJvm(Settings.of(Map.of(), null)));
        assertTrue(e.getMessage().contains("more than one OS backend serves"), e.getMessage());
    }

    private static URLClassLoader loaderWithServicesFile(Path dir, String... providerClasses) throws IOException {
        Path services = dir.resolve("META-INF/services/" + OsBackendProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n", providerClasses) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendSelectorTest.class.getClassLoader());
    }
}
