package org.loupe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Hosts}. The registered domains and FQDNs below are tldextract's (checked against tldextract
 * itself where its list snapshot and Guava's agree, and against tldextract 5's {@code lenient_netloc}
 * and {@code _extract_netloc} source for the parsing).
 */
class HostsTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://www.example.com/page                  | example.com                    | www.example.com
            https://www.bbc.co.uk/news                    | bbc.co.uk                      | www.bbc.co.uk
            http://shop.example.com.au:8080/cart?x=1      | example.com.au                 | shop.example.com.au
            http://x.gov.uk/                              | x.gov.uk                       | x.gov.uk
            http://co.uk/                                 |                                |
            http://com/                                   |                                |
            example.com/path/page.html                    | example.com                    | example.com
            example.com:8080/path                         | example.com                    | example.com
            //cdn.example.org/lib.js                      | example.org                    | cdn.example.org
            https://user:secret@a.b.example.net/          | example.net                    | a.b.example.net
            https://us@er:se@cret@a.example.net:8443/     | example.net                    | a.example.net
            git+ssh://git@github.com/org/repo             | github.com                     | github.com
            mailto:someone@example.com                    | example.com                    | example.com
            http://example.com#frag                       | example.com                    | example.com
            http://example.com?q=1                        | example.com                    | example.com
            example.com/r?u=http://evil.org/              | example.com                    | example.com
            https://myblog.blogspot.com/2020/01/post.html | blogspot.com                   | myblog.blogspot.com
            https://someone.github.io/                    | github.io                      | someone.github.io
            https://x.s3.amazonaws.com/k                  | amazonaws.com                  | x.s3.amazonaws.com
            http://www.city.kawasaki.jp/                  | city.kawasaki.jp               | www.city.kawasaki.jp
            http://foo.bar.kawasaki.jp/                   | foo.bar.kawasaki.jp            | foo.bar.kawasaki.jp
            http://bar.kawasaki.jp/                       |                                |
            http://kawasaki.jp/                           | kawasaki.jp                    | kawasaki.jp
            http://x.pref.lg.jp/                          | pref.lg.jp                     | x.pref.lg.jp
            http://www.ck/                                | www.ck                         | www.ck
            http://shop.foo.co.ck/                        | foo.co.ck                      | shop.foo.co.ck
            http://co.ck/                                 |                                |
            http://ck/                                    |                                |
            http://x.0.bg/                                | x.0.bg                         | x.0.bg
            http://203.0.113.45/index.html                |                                |
            http://198.51.100.7:8080/x                    |                                |
            http://[2001:db8::1]:80/x                     |                                |
            http://user@[::ffff:192.0.2.1]/               |                                |
            http://[not-an-ip.com]/                       |                                |
            http://[::1                                   |                                |
            http://256.1.1.1/                             |                                |
            http://1.2.3.4.5/                             |                                |
            http://xn--bcher-schnppchen-4nb63b.de/angebot | xn--bcher-schnppchen-4nb63b.de | xn--bcher-schnppchen-4nb63b.de
            http://bücher-schnäppchen.de/                 | bücher-schnäppchen.de          | bücher-schnäppchen.de
            http://www.münchen.de/                        | münchen.de                     | www.münchen.de
            http://www.xn--mnchen-3ya.de/                 | xn--mnchen-3ya.de              | www.xn--mnchen-3ya.de
            http://MÜNCHEN.DE/                            | MÜNCHEN.DE                     | MÜNCHEN.DE
            http://shop.example.рф/                       | example.рф                     | shop.example.рф
            http://example.xn--p1ai/                      | example.xn--p1ai               | example.xn--p1ai
            http://example.XN--P1AI/                      | example.XN--P1AI               | example.XN--P1AI
            http://example.РФ/                            | example.РФ                     | example.РФ
            http://x.公司.香港/                             | x.公司.香港                       | x.公司.香港
            http://x.xn--55qx5d.xn--j6w193g/              | x.xn--55qx5d.xn--j6w193g       | x.xn--55qx5d.xn--j6w193g
            http://x.xn--55qx5d.香港/                       | x.xn--55qx5d.香港                 | x.xn--55qx5d.香港
            http://www.example。com/                       | example.com                    | www.example.com
            https://www.example.com./                     | example.com                    | www.example.com
            https://www.example.com...:443/               | example.com                    | www.example.com
            https://Shop.Example.COM/                     | Example.COM                    | Shop.Example.COM
            HTTP://WWW.BBC.CO.UK/                         | BBC.CO.UK                      | WWW.BBC.CO.UK
            http://a..b.example.com/                      | example.com                    | a..b.example.com
            http://.example.com/                          | example.com                    | example.com
            http://my_site.example.com/                   | example.com                    | my_site.example.com
            http://-bad-.example.com/                     | example.com                    | -bad-.example.com
            http://exa mple.com/                          | exa mple.com                   | exa mple.com
            http://example..com/                          |                                |
            http://localhost:3000/                        |                                |
            localhost                                     |                                |
            http://foo.notatld/                           |                                |
            a.b.c.notatld                                 |                                |
            http://intranet/                              |                                |
            ' http://example.com/'                        |                                |
            http:example.com                              |                                |
            http://                                       |                                |
            ://                                           |                                |
            @                                             |                                |
            .                                             |                                |
            ...                                           |                                |
            not a url at all                              |                                |
            ''                                            |                                |
            NULL                                          |                                |
            """)
    void registeredDomainAndFqdnAreTldextracts(String url, String registered, String fqdn) {
        // an empty column is null: tldextract's "" (IP hosts, a bare public suffix, no known suffix)
        Hosts.Parts p = Hosts.parse(url);
        assertThat(p.registeredDomain()).isEqualTo(registered == null ? "" : registered);
        assertThat(p.fqdn()).isEqualTo(fqdn == null ? "" : fqdn);
        assertThat(Hosts.registeredDomain(url)).isEqualTo(p.registeredDomain());
    }

    @ParameterizedTest(name = "{0} -> ({1}, {2}, {3})")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            http://forums.news.cnn.com/            | forums.news | cnn             | com
            http://forums.bbc.co.uk/               | forums      | bbc             | co.uk
            http://www.worldbank.org.kg/           | www         | worldbank       | org.kg
            google.com                             |             | google          | com
            google.notavalidsuffix                 | google      | notavalidsuffix |
            http://127.0.0.1:8080/deployed/        |             | 127.0.0.1       |
            http://01.2.3.4/                       | 01.2.3      | 4               |
            http://[aBcD:ef01:2345:6789:aBcD:ef01:127.0.0.1]/ |  | [aBcD:ef01:2345:6789:aBcD:ef01:127.0.0.1] |
            http://co.uk/                          |             |                 | co.uk
            http://localhost:8080                  |             | localhost       |
            """)
    void partsAreTldextracts(String url, String subdomain, String domain, String suffix) {
        assertThat(Hosts.parse(url)).isEqualTo(new Hosts.Parts(nz(subdomain), nz(domain), nz(suffix)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://www.Example.com:8080/x          | example.com
            HTTPS://WWW.Example.COM./               | example.com
            example.com..                           | example.com
            http://www.example。com/                 | example.com
            example.org/page                        | example.org
            //cdn.example.net/lib.js                | cdn.example.net
            https://user:pw@www.shop.example.com/   | shop.example.com
            mailto:someone@example.com              | example.com
            example.com/r?u=http://evil.org/        | example.com
            <https://a.com/docs/x>                  | a.com
            ' http://example.com/ '                 | example.com
            http://[2001:DB8::1]:80/x               | [2001:db8::1]
            http://192.168.0.1:8000/admin           | 192.168.0.1
            localhost:3000                          | localhost
            https://Bücher.example.de/              | bücher.example.de
            http://xn--bcher-kva.ch/                | xn--bcher-kva.ch
            www.                                    | www
            <                                       | <
            <>                                      | NULL
            www.www.example.com                     | www.example.com
            /path/only                              | NULL
            http://                                 | NULL
            '   '                                   | NULL
            ''                                      | NULL
            NULL                                    | NULL
            """)
    void hostIsLowerCaseWithoutWwwPortOrRootDots(String url, String host) {
        assertThat(Hosts.host(url)).isEqualTo(host);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://news.bbc.co.uk/world/x           | bbc.co.uk
            http://www.example.com:8080/a?b=c        | example.com
            https://user:pw@shop.example.com.au/cart | example.com.au
            https://foo.blogspot.com/post            | blogspot.com
            http://www.city.kawasaki.jp/             | city.kawasaki.jp
            https://bücher.example.de/ß              | example.de
            https://xn--bcher-kva.ch/                | bücher.ch
            https://BÜCHER.ch/                       | bücher.ch
            http://192.168.0.1:8000/admin            | 192.168.0.1
            http://[2001:DB8::1]:443/x               | [2001:db8::1]
            http://localhost:3000/                   | localhost
            http://www.notatld/                      | notatld
            http://www.ck/                           | ck
            https://co.uk/                           | co.uk
            http://a.b.notatld/                      | a.b.notatld
            HTTPS://WWW.Example.COM./                | example.com
            ''                                       | NULL
            NULL                                     | NULL
            """)
    void siteIsTheRegisteredDomainOrTheHost(String url, String site) {
        assertThat(Hosts.site(url)).isEqualTo(site);
        assertThat(Hosts.siteOfHost(Hosts.host(url))).isEqualTo(site);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://a.com/blog/post?x=1             | /blog/post?x=1
            https://a.com                           | ''
            https://user@a.com:8080?q=1             | ?q=1
            a.com#top                               | #top
            //cdn.example.net/lib/x.js              | /lib/x.js
            <https://a.com/docs/x>                  | /docs/x
            example.com/r?u=http://evil.org/x       | /r?u=http://evil.org/x
            NULL                                    | ''
            """)
    void afterHostIsPathQueryAndFragment(String url, String rest) {
        assertThat(Hosts.afterHost(url)).isEqualTo(rest);
    }

    @Test
    void ipv4FollowsTldextractsPattern() {
        assertThat(Hosts.looksLikeIpv4("0.0.0.0")).isTrue();
        assertThat(Hosts.looksLikeIpv4("255.255.255.255")).isTrue();
        assertThat(Hosts.looksLikeIpv4("256.1.1.1")).isFalse();
        assertThat(Hosts.looksLikeIpv4("01.1.1.1")).isFalse();
        assertThat(Hosts.looksLikeIpv4("1.1.1")).isFalse();
        assertThat(Hosts.looksLikeIpv4("1.1.1.1.")).isFalse();
        assertThat(Hosts.looksLikeIpv4("١.1.1.1")).isFalse();
        assertThat(Hosts.looksLikeIpv6("2001:db8::1")).isTrue();
        assertThat(Hosts.looksLikeIpv6("fe80::1%eth0")).isTrue();
        assertThat(Hosts.looksLikeIpv6("1.2.3.4")).isFalse();
        assertThat(Hosts.looksLikeIpv6("not:an:address")).isFalse();
    }

    @Test
    void aVeryLongHostStillFindsItsSuffix() {
        String label = "a".repeat(63);
        String host = (label + ".").repeat(10) + "example.co.uk";
        assertThat(Hosts.parse("http://" + host + "/").registeredDomain()).isEqualTo("example.co.uk");
        String longLabel = "b".repeat(300);
        assertThat(Hosts.parse(longLabel + ".example.com").fqdn()).isEqualTo(longLabel + ".example.com");
        assertThat(Hosts.parse("x." + longLabel).registeredDomain()).isEmpty();
    }

    /** Scheme, user info, port, path, trailing dots and upper case change nothing but the labels' case. */
    @Property(tries = 300)
    void decorationsDoNotChangeTheRegisteredDomain(@ForAll("hosts") String host, @ForAll("decorations") Decoration d) {
        Hosts.Parts plain = Hosts.parse(host);
        String url = d.scheme + d.userInfo + (d.upper ? host.toUpperCase(Locale.ROOT) : host) + d.rootDots + d.port + d.path;
        Hosts.Parts decorated = Hosts.parse(url);
        assertThat(decorated.registeredDomain().toLowerCase(Locale.ROOT)).isEqualTo(plain.registeredDomain());
        assertThat(decorated.fqdn().toLowerCase(Locale.ROOT)).isEqualTo(plain.fqdn());
        assertThat(plain.fqdn()).endsWith(plain.registeredDomain());
        if (!plain.registeredDomain().isEmpty()) {
            assertThat(host).endsWith(plain.registeredDomain());
            if (!plain.registeredDomain().contains("xn--") && !host.startsWith("www.")) {
                assertThat(Hosts.site(url)).isEqualTo(plain.registeredDomain());
            }
        }
    }

    record Decoration(String scheme, String userInfo, boolean upper, String rootDots, String port, String path) {
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.of("www", "a", "shop", "bbc", "example", "city", "x1", "my-site", "0", "münchen",
                "xn--mnchen-3ya", "blogspot", "github");
        Arbitrary<String> suffix = Arbitraries.of("com", "co.uk", "com.au", "kawasaki.jp", "ck", "co.ck", "io", "de", "jp",
                "notatld", "рф", "xn--p1ai", "bg");
        return Combinators.combine(label.list().ofMinSize(0).ofMaxSize(3), suffix)
                .as((ls, s) -> ls.isEmpty() ? s : String.join(".", ls) + "." + s);
    }

    @Provide
    Arbitrary<Decoration> decorations() {
        return Combinators.combine(Arbitraries.of("", "http://", "HTTPS://", "//", "git+ssh://"),
                        Arbitraries.of("", "user@", "user:pw@"), Arbitraries.of(true, false), Arbitraries.of("", ".", ".."),
                        Arbitraries.of("", ":80", ":8443"), Arbitraries.of("", "/", "/a/b?c=d#e", "?x", "#y"))
                .as(Decoration::new);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
