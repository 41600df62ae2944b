package org.loupe.index;

/**
 * A search query that cannot be parsed: the message names the query and what is wrong with it (and where,
 * when the parser knows), in words fit for a status line.
 */
public final class QuerySyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String query;

    /**
     * @param query  the query as typed
     * @param detail what is wrong, e.g. the parser's message
     * @param cause  the parser's exception, or null
     */
    public QuerySyntaxException(String query, String detail, Throwable cause) {
        super("cannot parse the query \"" + query + "\": " + detail, cause);
        this.query = query;
    }

    /** The query as typed. */
    public String query() {
        return query;
    }
}
