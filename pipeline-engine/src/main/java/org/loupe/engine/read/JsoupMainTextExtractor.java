package org.loupe.engine.read;

import org.jsoup.Jsoup;

/** Placeholder until the WARC work lands: plain text of the body. */
public final class JsoupMainTextExtractor implements HtmlTextExtractor {
    @Override
    public String extract(String html, String url) {
        return Jsoup.parse(html).text();
    }
}
