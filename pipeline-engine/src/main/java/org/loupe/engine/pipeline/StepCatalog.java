package org.loupe.engine.pipeline;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The step types a config may use. Built once and passed where configs are loaded (no global registry).
 *
 * @param types            step types by name
 * @param languageLabels   the language codes the language-ID model knows (for validating {@code languages}),
 *                         empty when unknown (then language codes are not checked)
 */
public record StepCatalog(Map<String, StepType> types, Set<String> languageLabels) {

    public StepCatalog {
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        languageLabels = Set.copyOf(languageLabels);
    }

    public static StepCatalog of(Collection<StepType> types, Set<String> languageLabels) {
        Map<String, StepType> m = new LinkedHashMap<>();
        for (StepType t : types) {
            m.put(t.name(), t);
        }
        return new StepCatalog(m, languageLabels);
    }

    public Optional<StepType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public List<String> names() {
        return List.copyOf(types.keySet());
    }
}
