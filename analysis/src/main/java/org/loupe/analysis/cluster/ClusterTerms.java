package org.loupe.analysis.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Cluster labels from their most distinctive words, by class-based TF-IDF (BERTopic's c-TF-IDF): a word's
 * weight in a cluster is its frequency there times log(1 + A / f), A the average number of words per
 * cluster and f the word's frequency over all clusters. A word counts once per document (one page that
 * repeats a word does not name a cluster). Words are lower-cased runs of three or more
 * letters that are not common English function words; the first {@link #MAX_CHARS} characters of each
 * document count.
 */
public final class ClusterTerms {
    static final int MAX_CHARS = 5000;
    private static final Set<String> STOP = Set.copyOf(java.util.Arrays.asList(("the and for that with this from have are was were will you your they their "
            + "them there then than what when where which who whom why how all any both each few more most other some such "
            + "not only own same can just should now also been being had has having does did doing would could into over "
            + "under again further once here about above after before below between during through off out very our ours "
            + "his her hers its him she he it we us i me my mine yours theirs these those but nor too itself myself "
            + "because until while against among upon may might must shall one two new get got like make made many much "
            + "even well back way use used using said say says see per via yes let lets it's don't can't i'm doesn't didn't "
            + "isn't wasn't won't you're i've we're they're that's there's what's you'll we'll").split(" ")));

    private ClusterTerms() {
    }

    /**
     * The top {@code top} terms of every cluster (index = cluster id; noise is left out).
     *
     * @param label    each row's cluster (-1 = noise)
     * @param clusters how many clusters
     * @param text     a row's text
     */
    public static List<List<String>> of(int[] label, int clusters, IntFunction<String> text, int top) {
        List<Map<String, Integer>> tf = new ArrayList<>();
        long[] words = new long[clusters];
        for (int c = 0; c < clusters; c++) {
            tf.add(new HashMap<>());
        }
        Map<String, Integer> total = new HashMap<>();
        for (int r = 0; r < label.length; r++) {
            int c = label[r];
            if (c < 0) {
                continue;
            }
            String t = text.apply(r);
            if (t == null) {
                continue;
            }
            Map<String, Integer> m = tf.get(c);
            java.util.Set<String> seen = new java.util.HashSet<>();
            int n = Math.min(t.length(), MAX_CHARS);
            int i = 0;
            while (i < n) {
                while (i < n && !Character.isLetter(t.charAt(i))) {
                    i++;
                }
                int s = i;
                while (i < n && (Character.isLetter(t.charAt(i)) || t.charAt(i) == '\'' || t.charAt(i) == '\u2019')) {
                    i++;
                }
                if (i - s >= 3) {
                    String w = t.substring(s, i).toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
                    if (!STOP.contains(w) && seen.add(w)) {
                        m.merge(w, 1, Integer::sum);
                        total.merge(w, 1, Integer::sum);
                        words[c]++;
                    }
                }
            }
        }
        double avg = 0;
        for (long w : words) {
            avg += w;
        }
        avg = clusters == 0 ? 0 : avg / clusters;
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            double a = avg;
            long wc = Math.max(1, words[c]);
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(tf.get(c).entrySet());
            entries.sort((x, y) -> {
                double sx = (double) x.getValue() / wc * Math.log(1 + a / total.get(x.getKey()));
                double sy = (double) y.getValue() / wc * Math.log(1 + a / total.get(y.getKey()));
                return sx != sy ? Double.compare(sy, sx) : x.getKey().compareTo(y.getKey());
            });
            List<String> terms = new ArrayList<>();
            for (int k = 0; k < Math.min(top, entries.size()); k++) {
                terms.add(entries.get(k).getKey());
            }
            out.add(List.copyOf(terms));
        }
        return out;
    }
}
