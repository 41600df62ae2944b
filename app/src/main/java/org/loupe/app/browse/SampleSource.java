package org.loupe.app.browse;

import org.loupe.engine.model.Document;
import org.loupe.engine.sample.Sample;

/** A drawn sample as a Browse source. */
public record SampleSource(Sample sample) implements BrowseSource {
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
