package org.loupe.engine.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline, as written in a config file.
 *
 * @param type         the step type ({@code gopher_quality}); also its name unless {@code name} is given
 * @param name         a name for this occurrence (two language steps need two names), or null
 * @param enabled      a disabled step is kept in the config but decides nothing
 * @param keepFraction the fraction, in [0, 1], of the documents this step would remove that are kept anyway
 *                     (seeded by document id: the same documents every time)
 * @param params       parameter values by the reference's names; absent ones take the type's default
 * @param overrides    per-domain parameter values, first match wins
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StepConfig(String type, String name, boolean enabled,
                         double keepFraction,
                         Map<String, Object> params, List<DomainOverride> overrides) {

    /** Reads a step from a config file: {@code enabled} defaults to true when the key is absent. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static StepConfig fromJson(@com.fasterxml.jackson.annotation.JsonProperty("type") String type,
                                      @com.fasterxml.jackson.annotation.JsonProperty("name") String name,
                                      @com.fasterxml.jackson.annotation.JsonProperty("enabled") Boolean enabled,
                                      @com.fasterxml.jackson.annotation.JsonProperty("keep_fraction") Double keepFraction,
                                      @com.fasterxml.jackson.annotation.JsonProperty("params") Map<String, Object> params,
                                      @com.fasterxml.jackson.annotation.JsonProperty("overrides") List<DomainOverride> overrides) {
        return new StepConfig(type, name, enabled == null || enabled, keepFraction == null ? 0 : keepFraction, params, overrides);
    }

    public StepConfig {
        params = canonical(params);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /**
     * Parameter values in one canonical form, so that a config built in code equals the same config read
     * back from a file: integral numbers as {@code Long}, other numbers as {@code Double}, lists unmodifiable.
     */
    static Map<String, Object> canonical(Map<String, Object> params) {
        if (params == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, ParamSpec.canonical(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    public static StepConfig of(String type) {
        return new StepConfig(type, null, true, 0, Map.of(), List.of());
    }

    /** The name that identifies this step in decisions, reports and file names. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String stepName() {
        return name == null || name.isBlank() ? type : name;
    }

    public StepConfig withEnabled(boolean on) {
        return new StepConfig(type, name, on, keepFraction, params, overrides);
    }

    public StepConfig withParam(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new StepConfig(type, name, enabled, keepFraction, p, overrides);
    }

    /** A copy with a parameter set to a value, coerced to the parameter's type (a slider's double to a Long). */
    public StepConfig withParam(ParamSpec spec, Object value) {
        return withParam(spec.name(), spec.coerce(value));
    }

    public StepConfig withKeepFraction(double fraction) {
        return new StepConfig(type, name, enabled, fraction, params, overrides);
    }

    /**
     * Parameter values for documents of some domains.
     *
     * @param domains registrable domains or hosts ({@code example.com} also matches {@code www.example.com}
     *                and {@code blog.example.com})
     * @param params  the values that replace the step's for those documents
     */
    public record DomainOverride(List<String> domains, Map<String, Object> params) {
        public DomainOverride {
            domains = domains == null ? List.of() : List.copyOf(domains);
            params = canonical(params);
        }

        /** Whether a document's host falls under one of the domains. */
        public boolean matches(String host) {
            if (host == null) {
                return false;
            }
            for (String d : domains) {
                String dom = d.toLowerCase(java.util.Locale.ROOT);
                if (host.equals(dom) || host.endsWith("." + dom)) {
                    return true;
                }
            }
            return false;
        }
    }
}
