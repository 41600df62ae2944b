package org.loupe.engine.model;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The one place where a URL becomes a host and a registered domain. Everything else asks here: the URL
 * step (the registered domain and fully qualified domain name of datatrove's {@code URLFilter}), the
 * per-domain parameter overrides and the sample's hosts, and the Domains view.
 *
 * <p><b>{@link #parse}</b> is {@code tldextract.extract(url)} as datatrove's {@code URLFilter} calls it
 * (spec §9; tldextract 5, {@code include_psl_private_domains=False}). Lenient parsing as tldextract's
 * {@code lenient_netloc} does it: the scheme is optional (and only taken off when it is made of scheme
 * characters and followed by {@code //}), path, query and fragment, user info and port are dropped, a
 * bracketed host ends at its {@code ]}, surrounding whitespace (Python's {@code str.isspace}) and trailing
 * root dots ({@code . 。 ． ｡}) are removed, and the ideographic dots count as dots. An IPv4 host and a
 * bracketed IPv6 host have no suffix and no registered domain. The labels keep the case and the form
 * (punycode or Unicode) they have in the URL; the suffix lookup ignores case and finds a suffix in either
 * form ({@code xn--p1ai} and {@code рф} alike), as tldextract does by decoding punycode labels before its
 * lookup. A host under no listed suffix ({@code localhost}, {@code foo.notatld}) has suffix {@code ""}
 * and so neither a registered domain nor an FQDN, and a host that is itself a suffix ({@code co.uk})
 * has no domain label and neither either.
 *
 * <p>The suffixes are the ICANN section of the Public Suffix List in Guava's copy ({@link
 * InternetDomainName#registrySuffix()}): private entries such as {@code blogspot.com} or {@code github.io}
 * are not suffixes, so {@code x.blogspot.com} has the registered domain {@code blogspot.com}. Wildcard
 * ({@code *.ck}, {@code *.kawasaki.jp}) and exception ({@code !www.ck}, {@code !city.kawasaki.jp}) rules
 * apply. tldextract's answer depends on the list snapshot it was given and so does this one: suffixes
 * added to or removed from the list between tldextract's snapshot and Guava's give different answers
 * for hosts under them.
 *
 * <p><b>{@link #host}</b> is the host that per-domain overrides and the views group by: in lower case,
 * without {@code www.} and without a port, taken with the same netloc rules (plus {@code <...>} around a
 * URL and surrounding spaces removed first). <b>{@link #site}</b> is what the Domains view groups a URL
 * under: that host's registered domain, or the host itself when it has none.
 */
public final class Hosts {
    private Hosts() {
    }

    /**
     * tldextract's {@code ExtractResult}: a host cut into its subdomain, domain and public suffix, each
     * {@code ""} when absent, each as written in the URL (case and punycode kept).
     */
    public record Parts(String subdomain, String domain, String suffix) {
        public static final Parts NONE = new Parts("", "", "");

        /** {@code domain.suffix}; {@code ""} unless both are set. */
        public String registeredDomain() {
            return domain.isEmpty() || suffix.isEmpty() ? "" : domain + "." + suffix;
        }

        /** {@code subdomain.domain.suffix} (empty parts left out); {@code ""} unless domain and suffix are set. */
        public String fqdn() {
            if (domain.isEmpty() || suffix.isEmpty()) {
                return "";
            }
            return subdomain.isEmpty() ? domain + "." + suffix : subdomain + "." + domain + "." + suffix;
        }
    }

    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";
    private static final String ROOT_DOTS = ".\u3002\uff0e\uff61";
    /** Guava's limits on a domain name. */
    private static final int MAX_LENGTH = 253;
    private static final int MAX_PARTS = 127;
    /**
     * Stands in for a label Guava does not accept ({@code a_b-}, {@code ""}, spaces, too long) in the
     * suffix lookup. No listed suffix has such a label, and none has this one either (hyphens in the third
     * and fourth position are reserved for {@code xn--}), so the lookup answers the same: the label can only
     * be matched by a wildcard, like the label it stands for.
     */
    private static final String PLACEHOLDER = "zz--x";

    /** {@code tldextract.extract(url)}: never null; {@link Parts#NONE} for null or empty input. */
    public static Parts parse(String url) {
        if (url == null || url.isEmpty()) {
            return Parts.NONE;
        }
        String netloc = asciiDots(netloc(url));
        if (netloc.length() >= 4 && netloc.charAt(0) == '[' && netloc.charAt(netloc.length() - 1) == ']'
                && looksLikeIpv6(netloc.substring(1, netloc.length() - 1))) {
            return new Parts("", netloc, "");
        }
        String[] labels = netloc.split("\\.", -1);
        int n = labels.length;
        int suffixIndex = suffixIndex(labels);
        if (suffixIndex == n && n == 4 && looksLikeIpv4(netloc)) {
            return new Parts("", netloc, "");
        }
        List<String> all = Arrays.asList(labels);
        String suffix = suffixIndex == n ? "" : String.join(".", all.subList(suffixIndex, n));
        String subdomain = suffixIndex >= 2 ? String.join(".", all.subList(0, suffixIndex - 1)) : "";
        String domain = suffixIndex > 0 ? labels[suffixIndex - 1] : "";
        return new Parts(subdomain, domain, suffix);
    }

    /** {@code tldextract.extract(url).registered_domain}: {@code ""} when there is none. */
    public static String registeredDomain(String url) {
        return parse(url).registeredDomain();
    }

    /**
     * The host of a URL in lower case, without "www." and without a port; null when there is none. Takes
     * URLs without a scheme ("example.com/page"), with user info, in angle brackets, and bracketed IPv6
     * hosts (kept with their brackets). Trailing root dots are removed and ideographic dots become dots.
     */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        String host = asciiDots(netloc(unwrap(url))).toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isEmpty() ? null : host;
    }

    /**
     * What follows the host (and port) of a URL as {@link #host} reads it: the path, query and fragment as
     * written ({@code "/a/b?c#d"}); {@code ""} when there are none or the URL is null.
     */
    public static String afterHost(String url) {
        if (url == null) {
            return "";
        }
        String rest = schemeless(unwrap(url));
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return rest.substring(i);
            }
        }
        return "";
    }

    /** What the Domains view groups a URL under: {@link #siteOfHost} of its {@link #host}; null when it has none. */
    public static String site(String url) {
        return siteOfHost(host(url));
    }

    /**
     * What the Domains view groups a host (as {@link #host} gives it) under: its registered domain, or the
     * host itself when it has none (an IP address, {@code localhost}, an unknown top-level domain, a bare
     * public suffix). Lower case, with punycode labels shown in Unicode ({@code xn--bcher-kva.ch} and
     * {@code bücher.ch} are one site). Null for a null or empty host. As in {@link #host}, "www." is no
     * label of its own here: {@code www.ck} (a registered domain under the {@code *.ck} rules) is the
     * site {@code ck}.
     */
    public static String siteOfHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String registered = parse(host).registeredDomain();
        String site = registered.isEmpty() ? host : registered;
        return site.startsWith("[") ? site.toLowerCase(Locale.ROOT) : unicodeLower(site);
    }

    /** A URL without surrounding spaces and without the angle brackets some sources put around it. */
    private static String unwrap(String url) {
        String s = url.trim();
        return s.length() >= 2 && s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    /** tldextract's {@code lenient_netloc}: the host of a URL without scheme, user info, port and root dots. */
    static String netloc(String url) {
        String rest = schemeless(url);
        rest = before(before(before(rest, '/'), '?'), '#');
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close >= 0) {
                return rest.substring(0, close + 1);
            }
        }
        String hostname = PyWhitespace.strip(before(rest, ':'));
        int end = hostname.length();
        while (end > 0 && ROOT_DOTS.indexOf(hostname.charAt(end - 1)) >= 0) {
            end--;
        }
        return hostname.substring(0, end);
    }

    /** tldextract's {@code _schemeless_url}. */
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

    private static String asciiDots(String s) {
        return s.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
    }

    /**
     * The index of the first suffix label, {@code labels.length} when there is none: tldextract's
     * {@code suffix_index} over the ICANN section of the list, answered by Guava. Guava takes only a
     * syntactically valid name, so the lookup sees the labels from the right for as long as the name stays
     * within Guava's limits, each in lower case with a label Guava would refuse replaced by
     * {@link #PLACEHOLDER}. The deepest rule has four labels, far within those limits.
     *
     * <p>tldextract walks a trie of the rules where Guava applies the list's own algorithm. The two agree
     * unless a wildcard rule's parent also has explicit longer rules under it ({@code *.x} with
     * {@code a.b.x}), which the ICANN section does not have; its wildcard rules ({@code *.ck},
     * {@code *.kawasaki.jp}, ...) have only exceptions beside them.
     */
    static int suffixIndex(String[] labels) {
        int n = labels.length;
        Deque<String> tail = new ArrayDeque<>();
        int length = -1;
        for (int i = n - 1; i >= 0 && tail.size() < MAX_PARTS; i--) {
            String label = lookupLabel(labels[i], i == n - 1);
            if (length + 1 + label.length() > MAX_LENGTH) {
                break;
            }
            length += 1 + label.length();
            tail.addFirst(label);
        }
        String name = String.join(".", tail);
        if (tail.isEmpty() || !InternetDomainName.isValid(name)) {
            return n;
        }
        InternetDomainName domain = InternetDomainName.from(name);
        return domain.hasRegistrySuffix() ? n - domain.registrySuffix().parts().size() : n;
    }

    /**
     * A label as the suffix lookup sees it, as tldextract's {@code _decode_punycode} makes it: in lower
     * case (Python's {@code str.lower}: full Unicode, where Guava lowers only ASCII), a punycode label
     * decoded to Unicode (Guava's list holds both forms of a suffix, but not mixed ones such as
     * {@code xn--55qx5d.香港}); a label that does not decode is kept. A label Guava would refuse becomes
     * the placeholder.
     */
    private static String lookupLabel(String label, boolean last) {
        String lower = label.toLowerCase(Locale.ROOT);
        if (lower.startsWith("xn--")) {
            lower = IDN.toUnicode(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        }
        // Guava checks a label by its place: the last may not start with a digit, and any may not be empty,
        // too long, or hold ASCII other than letters, digits, '-' and '_' (nor start or end with '-' or '_').
        boolean valid = !lower.isEmpty() && InternetDomainName.isValid(last ? lower : lower + ".a");
        return valid ? lower : PLACEHOLDER;
    }

    /** tldextract's {@code looks_like_ip}: four dot-separated decimal octets 0..255, no leading zeros. */
    static boolean looksLikeIpv4(String host) {
        if (host.isEmpty() || host.charAt(0) < '0' || host.charAt(0) > '9') {
            return false;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0') {
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

    /**
     * tldextract's {@code looks_like_ipv6} (Python's {@code ipaddress.IPv6Address}), via Guava. A
     * bracketed host that is not an IPv6 address still has no suffix (its last label ends with
     * {@code ]}), so this decides only whether the whole host is reported as the domain part.
     */
    static boolean looksLikeIpv6(String s) {
        int percent = s.indexOf('%');
        String address = percent < 0 ? s : s.substring(0, percent);
        return address.indexOf(':') >= 0 && InetAddresses.isInetAddress(address);
    }

    /** The name in lower case with each punycode label in Unicode (a label that does not decode is kept). */
    private static String unicodeLower(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.contains("xn--")) {
            return lower;
        }
        String[] labels = lower.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].startsWith("xn--")) {
                labels[i] = IDN.toUnicode(labels[i], IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            }
        }
        return String.join(".", labels);
    }
}
