package org.loupe.engine.measure.url;

import java.util.Locale;
import java.util.Set;

/**
 * The parts of a URL that datatrove's {@code URLFilter} takes from {@code tldextract} (spec §9):
 * the registered domain ({@code domain.suffix}) and the fully qualified domain name
 * ({@code sub.domain.suffix}), following tldextract 5's lenient parsing: the scheme is optional, user
 * info, port, path, query and fragment are dropped, trailing root dots are removed, an IPv4 or bracketed
 * IPv6 host has neither (both are {@code ""}), and the labels keep the case they had in the URL (the
 * suffix lookup itself ignores case). Only the ICANN section of the public suffix list counts, as with
 * tldextract's default {@code include_psl_private_domains=False}, so {@code x.blogspot.com} has the
 * registered domain {@code blogspot.com}.
 *
 * <p><b>Limitation.</b> tldextract ships the whole public suffix list. This helper knows every
 * single-label top-level domain implicitly (any last label made of letters, digits or hyphens and not all
 * digits counts as a suffix, where tldextract knows only the listed ones: {@code foo.notatld} gives
 * {@code notatld} as the suffix here and none in tldextract) and the common multi-label ICANN suffixes
 * in {@link #MULTI_LABEL_SUFFIXES} (co.uk, com.au, co.jp, com.br, ...). A suffix missing from that set
 * ({@code lg.jp} city names, wildcard rules like {@code *.ck}) gives a registered domain one label too
 * short. Guava's {@code InternetDomainName.topPrivateDomain()} (registry suffixes only) would close the
 * gap at the cost of a Guava dependency.
 */
public final class UrlParts {
    private UrlParts() {
    }

    /** The registered domain and the fully qualified domain name; {@code ""} when there is none. */
    public record Domain(String registeredDomain, String fqdn) { }

    /** Common ICANN public suffixes of two or more labels (lower case). */
    public static final Set<String> MULTI_LABEL_SUFFIXES = Set.of(
            // United Kingdom
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "ac.uk", "gov.uk", "nhs.uk", "police.uk", "mod.uk",
            // Australia, New Zealand
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "geek.nz", "school.nz",
            // Japan, Korea, China, Taiwan, Hong Kong
            "co.jp", "ne.jp", "or.jp", "ac.jp", "ad.jp", "ed.jp", "go.jp", "gr.jp", "lg.jp",
            "co.kr", "ne.kr", "or.kr", "re.kr", "pe.kr", "go.kr", "ac.kr",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
            "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw", "idv.tw",
            "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk",
            // South and South-East Asia
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "gov.in", "res.in",
            "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg",
            "com.my", "net.my", "org.my", "edu.my", "gov.my",
            "co.id", "or.id", "ac.id", "go.id", "web.id",
            "co.th", "in.th", "or.th", "ac.th", "go.th",
            "com.ph", "net.ph", "org.ph", "com.vn", "net.vn", "org.vn", "com.pk", "com.bd",
            // Americas
            "com.br", "net.br", "org.br", "gov.br", "edu.br", "art.br", "blog.br",
            "com.mx", "org.mx", "gob.mx", "edu.mx", "net.mx",
            "com.ar", "org.ar", "net.ar", "gob.ar", "com.co", "org.co", "net.co", "gov.co",
            "com.pe", "org.pe", "com.ve", "co.ve", "com.uy", "com.ec",
            "qc.ca", "on.ca", "bc.ca", "ab.ca",
            // Europe and the Middle East
            "com.tr", "net.tr", "org.tr", "gov.tr", "edu.tr", "gen.tr",
            "com.pl", "net.pl", "org.pl", "gov.pl", "com.ua", "org.ua", "net.ua", "gov.ua", "in.ua",
            "co.il", "org.il", "ac.il", "gov.il", "net.il",
            "com.sa", "com.eg", "com.gr", "com.cy", "com.mt", "co.at", "or.at", "ac.at", "gv.at",
            "com.es", "org.es", "nom.es", "com.pt", "org.pt", "co.hu", "org.hu", "co.rs",
            "ac.ir", "co.ir", "ac.ru",
            // Africa
            "co.za", "org.za", "gov.za", "ac.za", "net.za", "web.za",
            "co.ke", "or.ke", "ac.ke", "com.ng", "org.ng", "gov.ng", "co.tz", "co.ug", "com.gh", "co.ma");

    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

    /** {@code tldextract(url).registered_domain} and {@code .fqdn}. */
    public static Domain domain(String url) {
        String netloc = netloc(url);
        netloc = netloc.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
        if (netloc.startsWith("[") && netloc.endsWith("]") || looksLikeIpv4(netloc)) {
            return new Domain("", "");
        }
        String[] labels = netloc.split("\\.", -1);
        int suffixStart = suffixIndex(labels);
        if (suffixStart >= labels.length || suffixStart == 0) {
            // no suffix, or the whole host is a suffix (no domain label)
            return new Domain("", "");
        }
        String domain = labels[suffixStart - 1];
        String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, suffixStart, labels.length));
        if (domain.isEmpty() || suffix.isEmpty()) {
            return new Domain("", "");
        }
        StringBuilder fqdn = new StringBuilder();
        for (int i = 0; i < suffixStart - 1; i++) {
            if (!labels[i].isEmpty()) {
                fqdn.append(labels[i]).append('.');
            }
        }
        String registered = domain + "." + suffix;
        return new Domain(registered, fqdn + registered);
    }

    /** tldextract's {@code lenient_netloc}: the host without scheme, user info, port and root dots. */
    static String netloc(String url) {
        String rest = schemeless(url);
        rest = before(before(before(rest, '/'), '?'), '#');
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close >= 0) {
                return rest.substring(0, close + 1);
            }
        }
        String host = org.loupe.engine.measure.text.PyText.strip(before(rest, ':'));
        int end = host.length();
        while (end > 0 && ".\u3002\uff0e\uff61".indexOf(host.charAt(end - 1)) >= 0) {
            end--;
        }
        return host.substring(0, end);
    }

    private static String schemeless(String url) {
        int slashes = url.indexOf("//");
        if (slashes == 0) {
            return url.substring(2);
        }
        if (slashes < 2 || url.charAt(slashes - 1) != ':') {
            return url;
        }
        for (int i = 0; i < slashes - 1; i++) {
            if (SCHEME_CHARS.indexOf(url.charAt(i)) < 0) {
                return url;
            }
        }
        return url.substring(slashes + 2);
    }

    private static String before(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }

    /** The index of the first suffix label, or {@code labels.length} when there is no suffix. */
    private static int suffixIndex(String[] labels) {
        int n = labels.length;
        // longest known multi-label suffix first
        for (int i = 0; i < n - 1; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = i; j < n; j++) {
                if (j > i) {
                    s.append('.');
                }
                s.append(labels[j].toLowerCase(Locale.ROOT));
            }
            if (MULTI_LABEL_SUFFIXES.contains(s.toString())) {
                return i;
            }
        }
        return isTld(labels[n - 1]) ? n - 1 : n;
    }

    private static boolean isTld(String label) {
        if (label.isEmpty()) {
            return false;
        }
        boolean allDigits = true;
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            if (cp != '-' && !Character.isLetterOrDigit(cp)) {
                return false;
            }
            if (!(cp >= '0' && cp <= '9')) {
                allDigits = false;
            }
            i += Character.charCount(cp);
        }
        return !allDigits;
    }

    /** tldextract's {@code looks_like_ip}: four dot-separated decimal octets 0..255. */
    static boolean looksLikeIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
