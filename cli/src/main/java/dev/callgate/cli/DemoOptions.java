package dev.callgate.cli;

import dev.callgate.Attachment;
import dev.callgate.Policy;

/** The options of {@code callgate demo}, parsed and checked. */
record DemoOptions(Policy policy, long calls, int threads, Attachment attachment, boolean throwing) {

    static final long DEFAULT_CALLS = 1000;
    static final int DEFAULT_THREADS = 4;

    static DemoOptions parse(String[] args, int from) {
        Policy policy = Policy.WARN_ONCE;
        long calls = DEFAULT_CALLS;
        int threads = DEFAULT_THREADS;
        Attachment attachment = Attachment.KEEP_ATTACHED;
        boolean throwing = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--policy" -> policy = policy(value(args, ++i, arg));
                case "--calls" -> calls = number(value(args, ++i, arg), arg, 1, 100_000_000);
                case "--threads" -> threads = (int) number(value(args, ++i, arg), arg, 1, 256);
                case "--detach-each-call" -> attachment = Attachment.DETACH_AFTER_EACH_CALL;
                case "--throw" -> throwing = true;
                default -> throw new UsageException("unknown demo option \"" + arg + "\"");
            }
        }
        return new DemoOptions(policy, calls, threads, attachment, throwing);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static Policy policy(String text) {
        try {
            return Policy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    private static long number(String text, String option, long min, long max) {
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new UsageException(option + " takes a whole number from " + min + " to " + max + ", got \"" + text + "\"");
    }
}
