package org.loupe.engine.read;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Loupe's default HTML → main-text step: a single jsoup pass over {@code <body>} that drops page
 * furniture and keeps the block structure of what remains.
 *
 * <p><b>Why this and not trafilatura.</b> datatrove extracts FineWeb's text with trafilatura, a
 * Python library with scoring heuristics this class does not try to copy. This extractor is a fast,
 * predictable, conservative baseline: it removes what is boilerplate <em>by markup</em> and keeps
 * everything else, so it errs on the side of keeping text (filters downstream see it and can remove
 * it). Texts it produces will differ from FineWeb's; a curator who needs trafilatura's exact output can
 * plug another {@link HtmlTextExtractor} into {@link ReaderOptions} (or read WET / pre-extracted JSONL).
 *
 * <p><b>What is dropped</b> (with everything inside it):
 * <ul>
 *   <li>elements that are never main text: {@code script, style, noscript, template, svg, math, iframe,
 *       object, embed, canvas, audio, video, map, nav, aside, footer, form, button, select, input,
 *       textarea, option, datalist, menu, dialog, head};</li>
 *   <li>{@code header}, unless it sits inside {@code article}, {@code main} or {@code section}: there it
 *       is the heading of that content, not the site banner (the ARIA "banner" rule);</li>
 *   <li>hidden elements: the {@code hidden} attribute, {@code aria-hidden="true"}, an inline style with
 *       {@code display:none} or {@code visibility:hidden}, and the conventional classes of screen-reader-only
 *       text and skip links ({@code sr-only, screen-reader-text, screen-reader-shortcut, visually-hidden,
 *       visuallyhidden, skip-link, skip-links, mw-jump-link}: "Skip to main content");</li>
 *   <li>landmark roles of page furniture: {@code role=navigation, banner, contentinfo, complementary,
 *       menu, menubar};</li>
 *   <li>elements whose {@code class} or {@code id} has, as one of its '-'/'_'-separated parts, one of
 *       nav, navbar, navigation, menu, footer, cookie, cookies, breadcrumb, breadcrumbs, sidebar, share,
 *       sharing, social, advert, adverts, advertisement, ads (so {@code site-footer}, {@code nav_main} and
 *       {@code cookie-banner} match, {@code navigate} and {@code shared} do not). To stay conservative such a hint is ignored on
 *       {@code body}, {@code main} and {@code article}, on tokens that describe state rather than
 *       role ({@code has-sidebar}, {@code no-menu}, {@code with-sidebar}, {@code is-menu-open}), and on
 *       any element that contains a {@code main} or {@code article} element or {@code role=main}, so
 *       a page-wide wrapper is never removed.</li>
 * </ul>
 *
 * <p><b>Output.</b> One line per paragraph, heading, list item, table row, {@code <br>}, and per other
 * block element; table cells of a row are joined by one space; whitespace (including no-break spaces)
 * is collapsed to one space inside a line; lines are trimmed and blank lines removed; {@code <pre>}
 * keeps its line breaks. Entities are decoded. The {@code <title>} is not part of the text (it is
 * metadata, as in trafilatura), so a title repeated as the page's {@code <h1>} appears once. Image
 * {@code alt} text is not included.
 *
 * <p><b>Cost.</b> One parse and one iterative traversal; per element a hash-set lookup, and attribute
 * checks only on elements that have attributes. No regular expressions (the one CSS query is parsed once,
 * and run only on elements a class/id hint would remove). Thread-safe and stateless.
 */
public final class JsoupMainTextExtractor implements HtmlTextExtractor {

    /** The class/id hint words, as documented above. */
    private static final Set<String> HINTS = Set.of("nav", "navbar", "navigation", "menu", "footer", "cookie",
            "cookies", "breadcrumb", "breadcrumbs", "sidebar", "share", "sharing", "social", "advert", "adverts",
            "advertisement", "ads");

    /** Class tokens of text that is not shown on the page (whole tokens, case-insensitive). */
    private static final Set<String> HIDDEN_CLASSES = Set.of("sr-only", "screen-reader-text", "screen-reader-shortcut",
            "visually-hidden", "visuallyhidden", "skip-link", "skip-links", "mw-jump-link");

    /** What a page-wide wrapper contains: the content landmarks. */
    private static final Evaluator CONTENT_LANDMARK = QueryParser.parse("main, article, [role=main]");

    /** First parts of class/id tokens that describe page state, not an element's role. */
    private static final Set<String> STATE_PREFIXES = Set.of("has", "no", "with", "without", "is", "show", "hide");

    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "svg", "math",
            "iframe", "object", "embed", "canvas", "audio", "video", "map", "nav", "aside", "footer", "form",
            "button", "select", "input", "textarea", "option", "datalist", "menu", "dialog", "head");

    private static final Set<String> DROPPED_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
            "menu", "menubar");

    /** Elements that start and end a line. */
    private static final Set<String> BLOCKS = Set.of("address", "article", "blockquote", "body", "caption",
            "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "tfoot", "thead", "tr", "ul");

    /** Elements whose {@code header} children are content headings, not the site banner. */
    private static final Set<String> SECTIONING = Set.of("article", "main", "section");

    /** Elements a class/id hint never removes. */
    private static final Set<String> NEVER_HINTED = Set.of("html", "body", "main", "article");

    @Override
    public String extract(String html, String url) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        org.jsoup.nodes.Document doc = Jsoup.parse(html, "");
        Collector collector = new Collector();
        NodeTraversor.filter(collector, doc.body());
        return collector.result();
    }

    /** Walks the body once, building lines. */
    private static final class Collector implements NodeFilter {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private boolean pendingSpace;
        private int preDepth;
        private int sectioningDepth;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                append(text.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element el)) {
                return FilterResult.CONTINUE; // comments, doctype: no text
            }
            String name = el.normalName();
            if (dropped(el, name)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            switch (name) {
                case "br" -> breakLine();
                case "td", "th" -> pendingSpace = line.length() > 0;
                case "pre" -> preDepth++;
                default -> { }
            }
            if (SECTIONING.contains(name)) {
                sectioningDepth++;
            }
            if (BLOCKS.contains(name)) {
                breakLine();
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element el) {
                String name = el.normalName();
                if (BLOCKS.contains(name)) {
                    breakLine();
                }
                if (SECTIONING.contains(name)) {
                    sectioningDepth--;
                }
                if ("pre".equals(name)) {
                    preDepth--;
                }
            }
            return FilterResult.CONTINUE;
        }

        private boolean dropped(Element el, String name) {
            if (DROPPED.contains(name)) {
                return true;
            }
            if ("header".equals(name) && sectioningDepth == 0) {
                return true;
            }
            return el.attributesSize() > 0 && (hidden(el) || boilerplate(el, name));
        }

        private void append(String text) {
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (isSpace(c)) {
                    if (c == '\n' && preDepth > 0) {
                        breakLine();
                    } else {
                        pendingSpace = line.length() > 0;
                    }
                } else {
                    if (pendingSpace) {
                        line.append(' ');
                        pendingSpace = false;
                    }
                    line.append(c);
                }
            }
        }

        private void breakLine() {
            if (line.length() > 0) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
                line.setLength(0);
            }
            pendingSpace = false;
        }

        String result() {
            breakLine();
            return out.toString();
        }
    }

    static boolean isSpace(char c) {
        if (c > ' ' && c < 0x80) {
            return false;
        }
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B
                || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean hidden(Element el) {
        if (el.hasAttr("hidden") || "true".equalsIgnoreCase(el.attr("aria-hidden"))) {
            return true;
        }
        String style = el.attr("style");
        if (!style.isEmpty() && styleHides(style)) {
            return true;
        }
        String classes = el.className();
        return !classes.isEmpty() && hasToken(classes, HIDDEN_CLASSES);
    }

    /** Whether a space-separated list has a token in {@code set} (which holds lower-case tokens). */
    static boolean hasToken(String tokens, Set<String> set) {
        int n = tokens.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(tokens.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(tokens.charAt(i))) {
                i++;
            }
            if (i > start && set.contains(tokens.substring(start, i).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code display:none} or {@code visibility:hidden}, ignoring case and whitespace. */
    static boolean styleHides(String style) {
        StringBuilder compact = new StringBuilder(style.length());
        for (int i = 0; i < style.length(); i++) {
            char c = style.charAt(i);
            if (!isSpace(c)) {
                compact.append(Character.toLowerCase(c));
            }
        }
        return compact.indexOf("display:none") >= 0 || compact.indexOf("visibility:hidden") >= 0;
    }

    private static boolean boilerplate(Element el, String name) {
        String role = el.attr("role");
        if (!role.isEmpty() && DROPPED_ROLES.contains(role.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (NEVER_HINTED.contains(name)) {
            return false;
        }
        if (!hasHint(el.id()) && !hasHint(el.className())) {
            return false;
        }
        // Never remove a wrapper of the page's content (e.g. <div class="content-with-sidebar"><main>).
        return el.selectFirst(CONTENT_LANDMARK) == null;
    }

    /**
     * Whether a space-separated list of tokens has a token with a hint part. Parts are split on '-' and
     * '_'; a token whose first part names a state ({@link #STATE_PREFIXES}) is passed over.
     */
    static boolean hasHint(String tokens) {
        int n = tokens.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(tokens.charAt(i))) {
                i++;
            }
            int tokenStart = i;
            while (i < n && !isSpace(tokens.charAt(i))) {
                i++;
            }
            if (i > tokenStart && tokenHasHint(tokens, tokenStart, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tokenHasHint(String s, int from, int to) {
        int partStart = from;
        boolean first = true;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '-' || s.charAt(i) == '_') {
                if (i > partStart) {
                    String part = s.substring(partStart, i).toLowerCase(Locale.ROOT);
                    if (first && STATE_PREFIXES.contains(part)) {
                        return false;
                    }
                    if (HINTS.contains(part)) {
                        return true;
                    }
                    first = false;
                }
                partStart = i + 1;
            }
        }
        return false;
    }
}
