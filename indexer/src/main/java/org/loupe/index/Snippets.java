package org.loupe.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Chooses the best passages of a text around its matches and turns them into a {@link Snippet}. */
final class Snippets {
    /** Characters before the first match of a passage. */
    static final int LEAD = 60;
    /** The length a passage aims at. */
    static final int GOAL = 200;
    /** How far a passage edge moves to reach a word boundary. */
    private static final int SNAP = 20;
    static final String JOIN = " … ";

    private Snippets() {
    }

    /** The snippet of a text given every match in it ([start, end) ascending): up to two passages of ~160–250 chars. */
    static Snippet of(String text, List<int[]> matches) {
        int len = text.length();
        if (len <= GOAL + 2 * SNAP) {
            return build(text, List.of(new int[] {0, len}), matches);
        }
        if (matches.isEmpty()) {
            return build(text, List.of(new int[] {0, snapEnd(text, GOAL)}), matches);
        }
        int[] best = null;
        long bestScore = -1;
        List<int[]> windows = new ArrayList<>();
        List<Long> scores = new ArrayList<>();
        for (int[] m : matches) {
            int[] w = window(text, m);
            long s = score(text, w, matches);
            windows.add(w);
            scores.add(s);
            if (s > bestScore) {
                bestScore = s;
                best = w;
            }
        }
        int[] second = null;
        long secondScore = -1;
        for (int i = 0; i < windows.size(); i++) {
            int[] w = windows.get(i);
            if ((w[0] >= best[1] || w[1] <= best[0]) && scores.get(i) > secondScore) {
                secondScore = scores.get(i);
                second = w;
            }
        }
        List<int[]> chosen = new ArrayList<>();
        chosen.add(best);
        if (second != null) {
            chosen.add(second);
        }
        chosen.sort((a, b) -> Integer.compare(a[0], b[0]));
        return build(text, chosen, matches);
    }

    private static int[] window(String text, int[] m) {
        int start = snapStart(text, Math.max(0, m[0] - LEAD));
        int end = Math.max(m[1], snapEnd(text, Math.min(text.length(), start + GOAL)));
        return new int[] {start, end};
    }

    /** Distinct matched words first, then the number of matches, inside the window. */
    private static long score(String text, int[] w, List<int[]> matches) {
        Set<String> distinct = new HashSet<>();
        int count = 0;
        for (int[] m : matches) {
            if (m[0] >= w[0] && m[1] <= w[1]) {
                count++;
                distinct.add(text.substring(m[0], m[1]).toLowerCase(Locale.ROOT));
            }
        }
        return distinct.size() * 10_000L + count;
    }

    private static int snapStart(String text, int pos) {
        int p = pos;
        for (int i = 0; i < SNAP && p > 0 && !Character.isWhitespace(text.charAt(p - 1)); i++) {
            p--;
        }
        if (p > 0 && !Character.isWhitespace(text.charAt(p - 1))) {
            p = pos;
        }
        if (p > 0 && p < text.length() && Character.isLowSurrogate(text.charAt(p))) {
            p--;
        }
        return p;
    }

    private static int snapEnd(String text, int pos) {
        int p = pos;
        for (int i = 0; i < SNAP && p < text.length() && !Character.isWhitespace(text.charAt(p)); i++) {
            p++;
        }
        if (p < text.length() && !Character.isWhitespace(text.charAt(p))) {
            p = pos;
        }
        if (p > 0 && p < text.length() && Character.isLowSurrogate(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The passages with whitespace runs made single spaces, joined; matches inside a passage carried over. */
    private static Snippet build(String text, List<int[]> passages, List<int[]> matches) {
        StringBuilder out = new StringBuilder();
        List<int[]> marks = new ArrayList<>();
        for (int[] p : passages) {
            if (out.length() > 0) {
                out.append(JOIN);
            }
            int[] map = new int[p[1] - p[0] + 1];
            boolean space = false;
            int first = out.length();
            for (int i = p[0]; i < p[1]; i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    map[i - p[0]] = out.length();
                    space = true;
                    continue;
                }
                if (space && out.length() > first) {
                    out.append(' ');
                }
                space = false;
                map[i - p[0]] = out.length();
                out.append(c);
            }
            map[p[1] - p[0]] = out.length();
            for (int[] m : matches) {
                if (m[0] >= p[0] && m[1] <= p[1] && m[1] > m[0]) {
                    int s = map[m[0] - p[0]];
                    int e = endOf(text, m, p, map);
                    if (e > s) {
                        marks.add(new int[] {s, e});
                    }
                }
            }
        }
        return new Snippet(out.toString(), marks);
    }

    /** The output offset just after the match's last non-blank character. */
    private static int endOf(String text, int[] m, int[] p, int[] map) {
        int last = m[1] - 1;
        while (last > m[0] && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        return map[last - p[0]] + 1;
    }
}
