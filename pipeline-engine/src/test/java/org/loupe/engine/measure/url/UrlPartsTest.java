package org.loupe.engine.measure.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPartsTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://www.example.com/page                  | example.com                   | www.example.com
            https://www.bbc.co.uk/news                    | bbc.co.uk                     | www.bbc.co.uk
            http://shop.example.com.au:8080/cart?x=1      | example.com.au                | shop.example.com.au
            http://co.uk/                                 |                               |
            example.com/path/page.html                    | example.com                   | example.com
            //cdn.example.org/lib.js                      | example.org                   | cdn.example.org
            https://user:secret@a.b.example.net/          | example.net                   | a.b.example.net
            http://203.0.113.45/index.html                |                               |
            http://198.51.100.7:8080/x                    |                               |
            http://[2001:db8::1]:80/x                     |                               |
            http://xn--bcher-schnppchen-4nb63b.de/angebot | xn--bcher-schnppchen-4nb63b.de | xn--bcher-schnppchen-4nb63b.de
            http://bücher-schnäppchen.de/                 | bücher-schnäppchen.de         | bücher-schnäppchen.de
            https://myblog.blogspot.com/2020/01/post.html | blogspot.com                  | myblog.blogspot.com
            https://www.example.com./                     | example.com                   | www.example.com
            https://Shop.Example.COM/                     | Example.COM                   | Shop.Example.COM
            http://example.com#frag                       | example.com                   | example.com
            mailto:someone@example.com                    | example.com                   | example.com
            """)
    void registeredDomainAndFqdnFollowTldextract(String url, String registered, String fqdn) {
        // an empty column is null: tldextract's "" (IP hosts, a bare public suffix)
        registered = registered == null ? "" : registered;
        fqdn = fqdn == null ? "" : fqdn;
        UrlParts.Domain d = UrlParts.domain(url);
        assertThat(d.registeredDomain()).isEqualTo(registered);
        assertThat(d.fqdn()).isEqualTo(fqdn);
    }
}
