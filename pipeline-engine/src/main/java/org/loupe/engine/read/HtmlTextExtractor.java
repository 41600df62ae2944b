package org.loupe.engine.read;

/**
 * Turns an HTML page into its main text. A replaceable step: datatrove uses trafilatura; Loupe's
 * default is {@link JsoupMainTextExtractor}.
 */
@FunctionalInterface
public interface HtmlTextExtractor {

    /**
     * @param html the decoded HTML
     * @param url  the page URL (for resolving or heuristics), may be null
     * @return the main text, lines separated by '\n'; empty when the page has no text
     */
    String extract(String html, String url);

    static HtmlTextExtractor defaultExtractor() {
        return new JsoupMainTextExtractor();
    }
}
