package org.loupe.index;

/**
 * One document found.
 *
 * @param row      the sample row
 * @param id       the document id
 * @param url      the URL, or null
 * @param domain   the URL's host (lowercase), or null
 * @param language the language code, or null when unknown
 * @param score    the relevance score
 * @param status   {@code "kept"}, or the name of the step that removed it
 * @param reason   why it was removed, or null when kept
 * @param snippet  the best passages of the text with the query's matches
 */
public record Hit(int row, String id, String url, String domain, String language, float score, String status,
                  String reason, Snippet snippet) { }
