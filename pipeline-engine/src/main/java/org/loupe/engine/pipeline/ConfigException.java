package org.loupe.engine.pipeline;

import java.util.List;

/** A config that cannot be used, with every problem found, each naming its field ({@code steps[2].params.min_doc_words: ...}). */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super((source == null ? "invalid config" : "invalid config " + source) + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
