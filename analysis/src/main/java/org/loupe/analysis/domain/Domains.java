package org.loupe.analysis.domain;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import org.loupe.engine.model.Urls;

/**
 * The registrable domain of a URL ("bbc.co.uk" for "https://news.bbc.co.uk:443/x"), public-suffix aware
 * through Guava's copy of the Public Suffix List. URLs as web datasets hold them: with or without a scheme,
 * with ports, user info, IPv4 and IPv6 hosts (kept as they are), internationalized names (in Unicode), and
 * hosts that are themselves a public suffix or not under any known one (kept whole).
 */
public final class Domains {
    private Domains() {
    }

    /** The registrable domain of a URL or host, in lower case; null when there is no host. */
    public static String registrable(String url) {
        String host = host(url);
        if (host == null) {
            return null;
        }
        if (InetAddresses.isInetAddress(host) || host.startsWith("[")) {
            return host;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
        if (!InternetDomainName.isValid(ascii)) {
            return host;
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        String out;
        if (name.isUnderPublicSuffix()) {
            out = name.topPrivateDomain().toString();
        } else {
            // A public suffix itself ("co.uk"), or no known suffix ("localhost", "intranet"): the host as is.
            out = name.toString();
        }
        return IDN.toUnicode(out, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** The host of a URL in lower case, without port, user info, "www." or a trailing dot (see {@link Urls#host}). */
    static String host(String url) {
        String h = Urls.host(url);
        if (h == null || h.isEmpty()) {
            return null;
        }
        int at = h.lastIndexOf('@');
        if (at >= 0) {
            h = h.substring(at + 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }

    /** The first path segment of a URL ("/blog" of "https://a.com/blog/post?x"), or "/" when there is none. */
    public static String pathPrefix(String url) {
        if (url == null) {
            return "/";
        }
        url = url.trim();
        if (url.startsWith("<") && url.endsWith(">")) {
            url = url.substring(1, url.length() - 1);
        }
        int scheme = url.indexOf("://");
        int start = url.indexOf('/', scheme >= 0 ? scheme + 3 : url.startsWith("//") ? 2 : 0);
        if (start < 0) {
            return "/";
        }
        int end = start + 1;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return end == start + 1 ? "/" : url.substring(start, end);
    }
}
