package org.loupe.app.browse;

import org.loupe.engine.model.Document;
import org.loupe.engine.sample.Sample;

/** A drawn sample as a Browse source; token counts arrive later, from a background task. */
public final class SampleSource implements BrowseSource {
    private final Sample sample;
    private volatile long[] tokens;
    private volatile String[] languages;

    public SampleSource(Sample sample) {
        this.sample = sample;
    }

    public Sample sample() {
        return sample;
    }

    /** Sets the token counts (one per row). */
    public void setTokens(long[] counts) {
        if (counts.length != sample.size()) {
            throw new IllegalArgumentException("token counts for " + counts.length + " rows, sample has " + sample.size());
        }
        this.tokens = counts;
    }

    /** Sets the identified language per row. */
    public void setLanguages(String[] codes) {
        if (codes.length != sample.size()) {
            throw new IllegalArgumentException("languages for " + codes.length + " rows, sample has " + sample.size());
        }
        this.languages = codes;
    }

    @Override
    public String language(int row) {
        String[] l = languages;
        return l == null ? null : l[row];
    }

    @Override
    public long tokens(int row) {
        long[] t = tokens;
        return t == null ? -1 : t[row];
    }

    @Override
    public int size() {
        return sample.size();
    }

    @Override
    public String id(int row) {
        return sample.id(row);
    }

    @Override
    public String host(int row) {
        return sample.host(row);
    }

    @Override
    public int chars(int row) {
        return sample.chars(row);
    }

    @Override
    public int words(int row) {
        return sample.words(row);
    }

    @Override
    public String location(int row) {
        String rel = sample.shardRelativePath(row);
        String kindSep = switch (sample.manifest().shards().get(sample.shardIndex(row)).format()) {
            case "jsonl" -> ":";
            case "parquet" -> "#";
            default -> "@";
        };
        return (rel.isEmpty() ? sample.shardPath(row).getFileName().toString() : rel) + kindSep + sample.position(row);
    }

    @Override
    public Document document(int row) {
        return sample.document(row);
    }

    @Override
    public boolean isPreview() {
        return false;
    }

    @Override
    public String describe() {
        var stats = sample.manifest().stats();
        int shards = sample.manifest().shards().size();
        if (sample.size() >= stats.documents()) {
            return String.format("All %,d documents of %,d shards (the sample size %s is at least the number of documents)",
                    sample.size(), shards, sample.spec().describe());
        }
        return String.format("Sample of %,d documents (%s) from %,d documents in %,d shards",
                sample.size(), sample.spec().describe(), stats.documents(), shards);
    }
}
