package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callgate.ChildJava;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each documented value of callgate.exitGuard does what the table says (the guard is decided once per JVM). */
class ExitGuardSettingTest {

    @ParameterizedTest
    @CsvSource({
        "-Dcallgate.exitGuard=off,   guard: off (-Dcallgate.exitGuard=off)",
        "-Dcallgate.exitGuard=OFF,   guard: off (-Dcallgate.exitGuard=off)",
        "-Dcallgate.exitGuard=false, guard: off (-Dcallgate.exitGuard=false)",
        "-Dcallgate.exitGuard=auto,  guard: installed",
        "-Dcallgate.exitGuard=always, guard: installed",
        "-Dcallgate.exitGuard=true,  guard: installed",
        "-Dcallgate.unrelated.set=0, guard: installed",
    })
    void eachModeInstallsTheGuardOrNot(String option, String expected) throws Exception {
        String[] options = option.startsWith("-Dcallgate.unrelated") ? new String[0] : new String[] {option};
        ChildJava run = ChildJava.run(OncePerJvmMain.class, "guard", options);

        assertEquals(0, run.status(), run::toString);
        assertEquals(expected, run.stdoutLine("guard: "), run::toString);
    }
}
