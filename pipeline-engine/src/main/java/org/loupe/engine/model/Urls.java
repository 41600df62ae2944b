package org.loupe.engine.model;

import java.util.Locale;

/** Small, allocation-light helpers for URLs as they appear in web datasets (often without a scheme). */
public final class Urls {
    private Urls() {
    }

    /**
     * The host of a URL in lower case, without "www." and without a port; null when there is none.
     * Accepts URLs without a scheme ("example.com/page") and bracketed IPv6 hosts.
     */
    public static String host(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        String s = url.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        int start = s.indexOf("://");
        start = start < 0 ? (s.startsWith("//") ? 2 : 0) : start + 3;
        int end = s.length();
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = s.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority : authority.substring(0, close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isEmpty() ? null : host;
    }
}
