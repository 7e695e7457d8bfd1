package dev.callgate.agent;

import dev.callgate.CallGate;

/**
 * The agent jar's {@code Main-Class}: {@code java -jar callgate-agent.jar} prints callgate's version
 * and how to use the agent, instead of failing to find JNA (which the agent jar leaves to the
 * application). {@link CallGate#version()} loads no JNA class; {@link AgentOptions#USAGE} is a
 * constant, inlined here.
 */
public final class AgentUsage {

    private AgentUsage() {}

    /**
     * Prints the usage to standard output and exits 0.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("callgate-agent " + CallGate.version());
        System.out.print(AgentOptions.USAGE);
    }
}
