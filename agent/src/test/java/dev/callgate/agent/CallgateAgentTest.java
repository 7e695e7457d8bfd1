package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** premain and agentmain with what they cannot serve; the instrumentation must never be touched. */
class CallgateAgentTest {

    private static final Instrumentation UNTOUCHABLE = (Instrumentation) Proxy.newProxyInstance(
            CallgateAgentTest.class.getClassLoader(), new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                throw new AssertionError("the agent touched the instrumentation: " + method.getName());
            });

    @Test
    void agentmainWithABadOptionThrowsSoThatLoadAgentFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallgateAgent.agentmain("policy=sometimes", UNTOUCHABLE));
        assertEquals("callgate-agent: option policy=sometimes is not understood; policy takes allow, warn-once,"
                + " warn, reject, abort; callbacks are not gated", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallgateAgent.agentmain("warn", UNTOUCHABLE));
    }

    @Test
    void premainWithABadOptionReturns() {
        CallgateAgent.premain("policy=sometimes", UNTOUCHABLE);
        CallgateAgent.premain("colour=red", UNTOUCHABLE);
    }

    @Test
    void onlyJnaOfTheAgentsLoaderOrItsParentsIsServed() throws Exception {
        assertTrue(JnaTransformer.seenByAgent(JnaTransformer.class.getClassLoader()));
        assertTrue(JnaTransformer.seenByAgent(ClassLoader.getPlatformClassLoader()));
        assertTrue(JnaTransformer.seenByAgent(null));
        try (URLClassLoader child = new URLClassLoader(new URL[0], JnaTransformer.class.getClassLoader())) {
            assertFalse(JnaTransformer.seenByAgent(child));
        }
    }
}
