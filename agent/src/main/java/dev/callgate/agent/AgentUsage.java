package dev.callgate.agent;

/**
 * The agent jar's {@code Main-Class}: {@code java -jar callgate-agent.jar} prints callgate's version
 * and how to use the agent, instead of failing to find JNA (which the agent jar leaves to the
 * application). It touches no class that needs JNA.
 */
public final class AgentUsage {

    private AgentUsage() {}

    /**
     * Prints the usage to standard output and exits 0.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String version = AgentUsage.class.getPackage().getImplementationVersion();
        System.out.println("callgate-agent " + (version == null ? "(version unknown: not run from its jar)" : version));
        System.out.print(AgentOptions.USAGE);
    }
}
