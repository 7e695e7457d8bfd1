package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void emptyMeansTheLibraryDefaults() {
        assertEquals(AgentOptions.DEFAULTS, AgentOptions.parse(null));
        assertEquals(AgentOptions.DEFAULTS, AgentOptions.parse(" "));
        assertEquals(Policy.WARN_ONCE, AgentOptions.DEFAULTS.policy());
        assertEquals(Attachment.KEEP_ATTACHED, AgentOptions.DEFAULTS.attachment());
    }

    @Test
    void everyKey() {
        AgentOptions o = AgentOptions.parse("policy=warn,attachment=detach,exceptions=every,include=com.example.|org.x.Cb,"
                + "exclude=com.example.internal.,direct=leave");
        assertEquals(Policy.WARN, o.policy());
        assertEquals(Attachment.DETACH_AFTER_EACH_CALL, o.attachment());
        assertEquals(ExceptionReporting.EVERY, o.exceptions());
        assertEquals(List.of("com.example.", "org.x.Cb"), o.includes());
        assertEquals(List.of("com.example.internal."), o.excludes());
        assertFalse(o.gateDirect());
        assertEquals(Policy.WARN_ONCE, AgentOptions.parse("policy=WARN_ONCE").policy());
    }

    @Test
    void verboseIsOffUnlessAsked() {
        assertFalse(AgentOptions.DEFAULTS.verbose());
        assertTrue(AgentOptions.parse("verbose=true").verbose());
        assertFalse(AgentOptions.parse("policy=warn,verbose=false").verbose());
        assertEquals("option verbose=yes is not understood; verbose takes true, false", refusal("verbose=yes"));
    }

    @Test
    void routeTurnsTheFfmRouteOffOrLeavesItOn() {
        assertTrue(AgentOptions.DEFAULTS.ffmRoute());
        assertFalse(AgentOptions.parse("route=jna").ffmRoute());
        assertFalse(AgentOptions.parse("route=JNA").ffmRoute());
        assertTrue(AgentOptions.parse("route=auto").ffmRoute());
        assertEquals("policy WARN_ONCE, attachment KEEP_ATTACHED, exceptions ONCE_PER_CLASS, JNA's route only",
                AgentOptions.parse("route=jna").describe());
        assertEquals("option route=ffm is not understood; route takes auto, jna", refusal("route=ffm"));
        assertEquals("option route is given twice (route=auto, then route=jna); give it once",
                refusal("route=auto,route=jna"));
    }

    @Test
    void theAttachMessageNamesEveryOption() {
        AgentOptions o = AgentOptions.parse("policy=warn,exceptions=every,include=com.example.|org.x.Cb,direct=leave");
        assertEquals("policy WARN, attachment KEEP_ATTACHED, exceptions EVERY, include com.example.|org.x.Cb,"
                + " direct-mapped callbacks left alone", o.describe());
    }

    @Test
    void aRefusalEscapesWhatTheUserTyped() {
        assertEquals("option include=com.example.\\x1b[2J is not understood; include takes a class name"
                + " (com.example.Tick) or a package prefix ending in a dot (com.example.); no wildcards",
                refusal("include=com.example.\u001b[2J"));
        assertEquals("option policy=warn\\x1b[2J is not understood; policy takes allow, warn-once, warn, reject, abort",
                refusal("policy=warn\u001b[2J"));
        assertEquals("unknown option \"\\x1b[2j\"; keys: policy, attachment, exceptions, include, exclude, direct, route, verbose",
                refusal("\u001b[2J=1"));
    }

    /** The policy's name is read by Policy.parse, which names the nearest policy for a typo. */
    @Test
    void aMistypedPolicyNamesTheNearestOne() {
        assertEquals(Policy.REJECT, AgentOptions.parse("policy=Reject").policy());
        assertEquals("option policy=warn-onse is not understood; policy takes allow, warn-once, warn, reject, abort;"
                + " did you mean warn-once?", refusal("policy=warn-onse"));
    }

    /** Without its trailing dot a package prefix matched no class: every callback went ungated, silently. */
    @Test
    void aPackageWithoutItsTrailingDotIsRefusedWithTheFix() {
        assertEquals("option include=com.example names no class (a class's simple name starts with an upper-case"
                + " letter) and would match no callback; for the package write include=com.example. with the"
                + " trailing dot", refusal("include=com.example"));
        assertTrue(refusal("exclude=org.Foo|org.bar").startsWith("option exclude=org.bar names no class"));
        assertTrue(refusal("include=com").startsWith("option include=com names no class"));
        assertEquals(List.of("Tick", "com.example.Outer$Tick"),
                AgentOptions.parse("include=Tick|com.example.Outer$Tick").includes());
    }

    @Test
    void globsAndStrayDotsAreRefused() {
        for (String bad : List.of("com.example.*", "com..example.", ".com.example.", "com.example.Tick..", "com/example/")) {
            assertTrue(refusal("include=" + bad).endsWith("or a package prefix ending in a dot (com.example.);"
                    + " no wildcards"), bad);
        }
    }

    @Test
    void aKeyGivenTwiceIsRefusedExceptTheLists() {
        assertEquals("option policy is given twice (policy=warn, then policy=abort); give it once",
                refusal("policy=warn,policy=abort"));
        assertEquals(List.of("a.", "b."), AgentOptions.parse("include=a.,include=b.").includes());
    }

    private static String refusal(String options) {
        return assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(options)).getMessage();
    }

    @Test
    void selectionByClassOrInterfaceAndPrefix() {
        AgentOptions o = AgentOptions.parse("include=com.example.,include=org.x.Cb,exclude=com.example.internal.");
        assertTrue(o.selects(List.of("com.example.Tick")));
        assertTrue(o.selects(List.of("app.Main$$Lambda/0x1", "org.x.Cb")));
        assertTrue(o.selects(List.of("org.x.Cb$Impl")));
        assertFalse(o.selects(List.of("org.x.CbOther")));
        assertFalse(o.selects(List.of("com.example.internal.Tick")));
        assertFalse(o.selects(List.of("net.other.Tick")));
        assertTrue(AgentOptions.DEFAULTS.selects(List.of("net.other.Tick")));
    }

    @Test
    void mistakesNameWhatIsAccepted() {
        assertEquals("option attachment=sometimes is not understood; attachment takes keep, detach",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("attachment=sometimes")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("colour=red")).getMessage()
                .startsWith("unknown option \"colour\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("warn")).getMessage()
                .contains("is not key=value"));
    }
}
