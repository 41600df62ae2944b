package org.loupe.analysis.domain;

import org.loupe.engine.model.Hosts;

/**
 * View helpers of the Domains view that are not host parsing: hosts, registered domains and the sites
 * documents are grouped under all come from the engine's {@link Hosts}.
 */
public final class Domains {
    private Domains() {
    }

    /**
     * The first path segment of a URL ("/blog" of "https://a.com/blog/post?x"), or "/" when there is none;
     * the path is what follows the host as {@link Hosts#afterHost} reads it.
     */
    public static String pathPrefix(String url) {
        String rest = Hosts.afterHost(url);
        if (!rest.startsWith("/")) {
            return "/";
        }
        int end = 1;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return end == 1 ? "/" : rest.substring(0, end);
    }
}
