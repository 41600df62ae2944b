package org.loupe.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The view's path prefixes. Hosts, registered domains and sites are the engine's ({@code HostsTest}). */
class DomainsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "https://a.com/blog/post?x=1|/blog",
        "https://a.com/|/",
        "https://a.com|/",
        "a.com/shop#top|/shop",
        "https://a.com/?q=1|/",
        "//cdn.example.net/lib/x.js|/lib",
        "<https://a.com/docs/x>|/docs",
        "example.org|/",
        "https://user@a.com:8080/shop/x|/shop",
        // a URL inside the query is not where the path starts
        "example.com/r?u=http://evil.org/x|/r",
        "https://a.com?u=http://evil.org/x|/",
        "<|/",
        "''|/",
        "NULL|/",
    })
    void pathPrefixIsTheFirstSegment(String url, String expected) {
        assertThat(Domains.pathPrefix(url)).isEqualTo(expected);
    }
}
