package org.loupe.app.common;

import org.loupe.engine.decision.Decisions;
import org.loupe.engine.sample.Sample;

/**
 * What every list of documents shows of one document: what it is (id, domain, a one-line snippet of its
 * text) and what the pipeline does with it (kept, or the step that removed it and why). Built from the
 * sample and the live decisions, so a list shows the status of the last decision.
 *
 * @param row     the sample row
 * @param id      the document id
 * @param domain  the URL's host, or "" when the document has no URL
 * @param snippet the beginning of the text on one line, or "" while it is being read
 * @param status  {@link Status#KEPT}, {@link Status#REMOVED}, or {@link Status#UNDECIDED} while the sample is
 *                measured
 * @param step    the step that removed the document, or "" when it is kept or undecided
 * @param reason  the reason that step gives, or ""
 * @param label   the curator's label ("good", "bad"), or ""
 */
public record DocumentRow(int row, String id, String domain, String snippet, Status status, String step, String reason,
                          String label) {

    /** What the pipeline does with a document. */
    public enum Status { KEPT, REMOVED, UNDECIDED }

    /** A document of a sample under the given decisions (null while there are none). */
    public static DocumentRow of(Sample sample, Decisions decisions, int row, String snippet, String label) {
        String host = sample.host(row);
        boolean decided = decisions != null && row < decisions.rows();
        Status status = !decided ? Status.UNDECIDED : decisions.kept(row) ? Status.KEPT : Status.REMOVED;
        String step = status == Status.REMOVED ? decisions.steps().get(decisions.removedBy(row)) : "";
        String reason = status == Status.REMOVED && decisions.reason(row) != null ? decisions.reason(row) : "";
        return new DocumentRow(row, sample.id(row), host == null ? "" : host, snippet == null ? "" : snippet, status, step,
                reason, label == null ? "" : label);
    }

    public boolean kept() {
        return status == Status.KEPT;
    }

    public boolean removed() {
        return status == Status.REMOVED;
    }

    /** The status in a few words: "kept", "gopher_quality: gopher_short_doc", "measuring…". */
    public String statusText() {
        return switch (status) {
            case KEPT -> "kept";
            case REMOVED -> reason.isEmpty() ? step : step + ": " + reason;
            case UNDECIDED -> "measuring…";
        };
    }

    /** The domain, or "no URL". */
    public String domainText() {
        return domain.isEmpty() ? "no URL" : domain;
    }

    /** The beginning of a text on one line: whitespace runs as one space, at most {@code max} characters. */
    public static String snippet(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(max + 1);
        boolean space = false;
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        if (b.length() >= max) {
            b.setLength(max - 1);
            b.append('…');
        }
        return b.toString();
    }

    /** Characters of the snippets lists show. */
    public static final int SNIPPET = 160;
}
