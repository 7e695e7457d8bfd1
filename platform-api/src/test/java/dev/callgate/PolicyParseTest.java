package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy.parse, the one reader of policy names (the agent's option and the demos' --policy use it). */
class PolicyParseTest {

    @ParameterizedTest
    @CsvSource({"allow, ALLOW", "warn-once, WARN_ONCE", "WARN_ONCE, WARN_ONCE", "Warn-Once, WARN_ONCE", "warn, WARN",
        "reject, REJECT", "ABORT, ABORT", "' reject ', REJECT"})
    void everySpellingOfEveryPolicy(String text, Policy expected) {
        assertEquals(expected, Policy.parse(text));
    }

    @Test
    void everyPolicyParsesFromItsOwnName() {
        for (Policy p : Policy.values()) {
            assertEquals(p, Policy.parse(p.name()));
        }
    }

    @ParameterizedTest
    @CsvSource({"warn-onse, warn-once", "warn_ones, warn-once", "alow, allow", "rejct, reject", "Abrt, abort",
        "warm, warn"})
    void aTypoNamesTheNearestPolicy(String typo, String nearest) {
        assertEquals("policy=" + typo + " is not understood; policy takes allow, warn-once, warn, reject, abort;"
                + " did you mean " + nearest + "?", refusal(typo));
    }

    @Test
    void textNearNoPolicyListsThemAll() {
        assertEquals("policy=sometimes is not understood; policy takes allow, warn-once, warn, reject, abort",
                refusal("sometimes"));
        assertEquals("policy= is not understood; policy takes allow, warn-once, warn, reject, abort", refusal(" "));
        assertEquals("policy=null is not understood; policy takes allow, warn-once, warn, reject, abort",
                refusal(null));
    }

    @Test
    void theRefusalEscapesWhatTheUserTyped() {
        assertEquals("policy=warn\\x1b[2J is not understood; policy takes allow, warn-once, warn, reject, abort",
                refusal("warn\u001b[2J"));
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Policy.parse(text)).getMessage();
    }
}
