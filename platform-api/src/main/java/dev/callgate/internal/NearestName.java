package dev.callgate.internal;

import java.util.List;
import java.util.Locale;

/**
 * The known name a mistyped one was probably meant to be, for the "did you mean" of an error
 * message: the {@code callgate.*} property keys and the policy names use it.
 */
public final class NearestName {

    private NearestName() {}

    /**
     * The known name nearest to {@code typed} (ignoring case), or null when none is near enough to
     * be its typo: at most three edits, and at most one per three characters of the known name
     * after its first {@code sharedPrefix} characters, so a short name takes only small slips.
     *
     * @param typed what the user wrote
     * @param known the accepted names, the first of equally near ones wins
     * @param sharedPrefix how many leading characters every known name shares (such as
     *     {@code "callgate."}), which say nothing about how near a name is
     */
    public static String of(String typed, List<String> known, int sharedPrefix) {
        String t = typed.toLowerCase(Locale.ROOT);
        for (int allowed = 0; allowed <= 3; allowed++) {
            for (String name : known) {
                int tolerated = Math.min(allowed, (name.length() - sharedPrefix) / 3);
                if (distance(t, name.toLowerCase(Locale.ROOT)) <= tolerated) {
                    return name;
                }
            }
        }
        return null;
    }

    /** Levenshtein distance, one row at a time. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }
}
