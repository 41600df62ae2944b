package org.loupe.engine.sample;

import java.util.List;
import java.util.Map;

/**
 * The description of a stored sample, written last into its folder (so its presence marks a complete
 * sample). Jackson-bound.
 *
 * @param formatVersion version of the store layout; a different version means "draw again"
 * @param folder        the sampled folder (absolute)
 * @param spec          the sample spec
 * @param shards        the shards read, in shard-index order
 * @param fieldMapping  text/id/url keys used (null = auto)
 * @param maxRecordBytes the record size cap used
 * @param stats         what reading met
 * @param rows          number of documents in the sample
 * @param createdAt     ISO-8601 time the sample was drawn
 * @param elapsedMillis how long drawing took
 */
public record SampleManifest(int formatVersion, String folder, SampleSpec spec, List<ShardEntry> shards,
                             FieldMappingEntry fieldMapping, long maxRecordBytes, ReadStats stats, int rows,
                             String createdAt, long elapsedMillis) {

    public static final int FORMAT_VERSION = 1;

    /** A shard as it was when sampled (size and modification time identify its content). */
    public record ShardEntry(String relativePath, String format, String compression, long sizeBytes, long modifiedMillis) { }

    public record FieldMappingEntry(String text, String id, String url) { }

    /**
     * Totals over the shards read.
     *
     * @param records   records read
     * @param documents documents yielded
     * @param skipped   records that became problems instead of documents
     * @param repaired  documents kept after a repair (e.g. invalid UTF-8 replaced)
     * @param ignored   records that are not documents by nature (WARC requests, ...)
     * @param problems  problems reported (all severities)
     * @param problemsByKind problems per kind (JSON names)
     */
    public record ReadStats(long records, long documents, long skipped, long repaired, long ignored, long problems,
                            Map<String, Long> problemsByKind) { }
}
