package org.loupe.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a full run did with one input shard; written as the shard's completion marker, so a rerun skips
 * the shard and the run result can be rebuilt from the markers.
 *
 * @param shard          the shard's path relative to the input folder
 * @param records        records read
 * @param documents      documents yielded (records minus skipped records)
 * @param problems       problems reported while reading
 * @param kept           documents kept
 * @param keptTokens     tokens of the kept documents (final text)
 * @param removed        documents removed, by step
 * @param removedTokens  tokens of the removed documents, by step (the text as it reached the step)
 * @param reasons        documents removed, by "step/reason"
 * @param reasonTokens   tokens of the removed documents, by "step/reason"
 * @param millis         time spent on the shard
 */
public record ShardOutcome(String shard, long records, long documents, long problems, long kept, long keptTokens,
                           Map<String, Long> removed, Map<String, Long> removedTokens, Map<String, Long> reasons,
                           Map<String, Long> reasonTokens, long millis) {

    public ShardOutcome {
        removed = new LinkedHashMap<>(removed);
        removedTokens = new LinkedHashMap<>(removedTokens);
        reasons = new LinkedHashMap<>(reasons);
        reasonTokens = reasonTokens == null ? new LinkedHashMap<>() : new LinkedHashMap<>(reasonTokens);
    }

    /** documents == kept + removed, and records == documents + skipped (checked by the reader). */
    public boolean conserved() {
        return documents == kept + removed.values().stream().mapToLong(Long::longValue).sum();
    }
}
