package org.loupe.engine.decision;

/**
 * What decisions need to know of each row besides its metrics: a hash of the document id (seeds the
 * stochastic keep of {@code keep_fraction}), the URL's host (per-domain overrides) and the token count
 * (every count in docs and tokens).
 *
 * @param idHash one 64-bit hash per row of the document id
 * @param hosts  the host per row, or null entries when the document has no URL
 * @param tokens tokens per row
 */
public record RowKeys(long[] idHash, String[] hosts, long[] tokens) {
    public RowKeys {
        if (idHash.length != hosts.length || idHash.length != tokens.length) {
            throw new IllegalArgumentException("row keys of different lengths");
        }
    }

    public int rows() {
        return idHash.length;
    }

    /** A stable 64-bit hash of a document id (FNV-1a over UTF-16 units, then mixed). */
    public static long hashId(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
