package org.loupe.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "https://news.bbc.co.uk/world/x|bbc.co.uk",
        "http://www.example.com:8080/a?b=c|example.com",
        "example.org/page|example.org",
        "//cdn.example.net/lib.js|example.net",
        "https://user:pw@shop.example.com.au/cart|example.com.au",
        "http://192.168.0.1:8000/admin|192.168.0.1",
        "http://[2001:db8::1]:443/x|[2001:db8::1]",
        "https://bücher.example.de/ß|example.de",
        "https://xn--bcher-kva.ch/|bücher.ch",
        "https://foo.blogspot.com/post|foo.blogspot.com",
        "http://localhost:3000/|localhost",
        "https://co.uk/|co.uk",
        "HTTPS://WWW.Example.COM./|example.com",
        "''|NULL",
        "NULL|NULL",
    })
    void registrableDomainsFollowThePublicSuffixList(String url, String expected) {
        assertThat(Domains.registrable(url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://a.com/blog/post?x=1|/blog",
        "https://a.com/|/",
        "https://a.com|/",
        "a.com/shop#top|/shop",
        "https://a.com/?q=1|/",
        "//cdn.example.net/lib/x.js|/lib",
        "<https://a.com/docs/x>|/docs",
        "example.org|/",
    })
    void pathPrefixIsTheFirstSegment(String url, String expected) {
        assertThat(Domains.pathPrefix(url)).isEqualTo(expected);
    }
}
