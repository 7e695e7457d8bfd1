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
    void theAttachMessageNamesEveryOptionAndEscapesWhatTheUserTyped() {
        AgentOptions o = AgentOptions.parse("policy=warn,exceptions=every,include=com.example.\u001b[2J,direct=leave");
        assertEquals("policy WARN, attachment KEEP_ATTACHED, exceptions EVERY, include com.example.\\x1b[2J,"
                + " direct-mapped callbacks left alone", o.describe());
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
