package org.loupe.engine.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.loupe.engine.io.AtomicFiles;

/**
 * Reads and writes {@link PipelineConfig}s as YAML or JSON, and validates them against a
 * {@link StepCatalog}: every problem is reported at once, each naming its field and what is wrong
 * (unknown key, wrong type, out of range, unknown step type, unknown language code).
 */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("schema_version", "name", "field_mapping", "sample",
            "token_encoding", "seed", "steps");
    private static final Set<String> STEP_KEYS = Set.of("type", "name", "enabled", "keep_fraction", "params", "overrides");
    private static final Set<String> MAPPING_KEYS = Set.of("text", "id", "url");
    private static final Set<String> SAMPLE_KEYS = Set.of("seed", "size", "fraction");
    private static final Set<String> OVERRIDE_KEYS = Set.of("domains", "params");

    private final StepCatalog catalog;
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public ConfigLoader(StepCatalog catalog) {
        this.catalog = catalog;
        this.yaml = configure(new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build()));
        this.json = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /** Reads a config file (YAML, or JSON when the name ends in .json). */
    public PipelineConfig read(Path file) throws IOException, ConfigException {
        return parse(utf8(file), file.toString());
    }

    /** The file's text; a file that is not UTF-8 is a config problem naming the byte offset of the first bad byte. */
    static String utf8(Path file) throws IOException, ConfigException {
        byte[] bytes = Files.readAllBytes(file);
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new ConfigException(file.toString(), List.of(String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02x at offset %d (save the file as UTF-8)", bytes[at] & 0xff, at)));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Parses YAML or JSON text (JSON is YAML too). */
    public PipelineConfig parse(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of("not valid YAML/JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        List<String> problems = new ArrayList<>();
        validate(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        PipelineConfig config;
        try {
            config = yaml.treeToValue(root, PipelineConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(e.getOriginalMessage()));
        }
        checkOrder(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    /**
     * After an enabled step whose output text depends on the decisions (sentence dedup), only enabled steps
     * that decide over the earlier kept rows (dedup steps, measured on the text before it) may come.
     */
    private void checkOrder(PipelineConfig config, List<String> problems) {
        int after = -1;
        for (int i = 0; i < config.steps().size(); i++) {
            StepConfig step = config.steps().get(i);
            StepType type = catalog.type(step.type()).orElse(null);
            if (type == null || !step.enabled()) {
                continue;
            }
            if (after >= 0 && !type.decidesOverEarlierKept()) {
                problems.add("steps[" + i + "]: " + step.stepName() + " cannot come after "
                        + config.steps().get(after).stepName() + " (steps[" + after + "]), whose output text depends"
                        + " on which documents the earlier steps keep; only dedup steps may follow it (move it before,"
                        + " or disable one of them)");
            }
            if (after < 0 && type.textDependsOnDecisions()) {
                after = i;
            }
        }
    }

    /**
     * Checks a config built in code (e.g. from the UI) as a file is checked, on the typed values themselves:
     * step types, unique names, keep fractions, every parameter's type and range, overrides.
     */
    public void check(PipelineConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.steps().size(); i++) {
            StepConfig step = config.steps().get(i);
            String at = "steps[" + i + "]";
            StepType type = catalog.type(step.type()).orElse(null);
            if (type == null) {
                problems.add(at + ".type: unknown step type '" + step.type() + "'; one of " + catalog.names());
                continue;
            }
            if (!names.add(step.stepName())) {
                problems.add(at + ": a second step named '" + step.stepName() + "'; give one of them a distinct 'name'");
            }
            if (!(step.keepFraction() >= 0 && step.keepFraction() <= 1)) {
                problems.add(at + ".keep_fraction: expected a number in [0, 1], got " + step.keepFraction());
            }
            checkValues(type, step.params(), at + ".params", false, problems);
            for (int o = 0; o < step.overrides().size(); o++) {
                StepConfig.DomainOverride override = step.overrides().get(o);
                String oat = at + ".overrides[" + o + "]";
                if (override.domains().isEmpty()) {
                    problems.add(oat + ".domains: expected a non-empty list of domains");
                }
                for (int d = 0; d < override.domains().size(); d++) {
                    if (override.domains().get(d) == null || override.domains().get(d).isBlank()) {
                        problems.add(oat + ".domains[" + d + "]: expected a domain name");
                    }
                }
                checkValues(type, override.params(), oat + ".params", true, problems);
            }
        }
        String encoding = org.loupe.engine.measure.tokens.TokenCounter.problem(config.tokenEncoding());
        if (encoding != null) {
            problems.add("token_encoding: " + encoding);
        }
        checkOrder(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.name(), problems);
        }
    }

    private void checkValues(StepType type, Map<String, Object> values, String at, boolean override, List<String> problems) {
        values.forEach((key, value) -> checkValue(type, key, value, null, at, override, problems));
        type.check(at, values, catalog, problems);
    }

    /** One parameter value: known, allowed in an override, of its type and range. */
    private static void checkValue(StepType type, String key, Object value, String shown, String at, boolean override,
                                   List<String> problems) {
        String here = at + "." + key;
        ParamSpec spec = type.param(key).orElse(null);
        if (spec == null) {
            problems.add(here + ": unknown parameter of " + type.name() + "; known: "
                    + type.params().stream().map(ParamSpec::name).toList());
            return;
        }
        if (override && spec.role() == ParamSpec.Role.MEASURE) {
            problems.add(here + ": per-domain overrides can only change thresholds and check toggles; "
                    + key + " changes what is measured");
            return;
        }
        String problem = shown == null ? spec.problem(value) : spec.problem(value, shown);
        if (problem != null) {
            problems.add(here + ": " + problem);
        }
    }

    public String toYaml(PipelineConfig config) {
        try {
            return yaml.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson(PipelineConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes YAML, or JSON when the file name ends in .json; atomically. */
    public void write(PipelineConfig config, Path file) throws IOException {
        String text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? toJson(config) : toYaml(config);
        AtomicFiles.write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    // Validation

    private void validate(JsonNode root, List<String> problems) {
        if (root == null || !root.isObject()) {
            problems.add("the config must be a mapping with at least 'schema_version' and 'steps'");
            return;
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        JsonNode version = root.get("schema_version");
        if (version == null) {
            problems.add("schema_version: missing (this Loupe writes and reads version " + PipelineConfig.SCHEMA_VERSION + ")");
        } else if (!version.isInt() || version.asInt() != PipelineConfig.SCHEMA_VERSION) {
            problems.add("schema_version: " + version + " is not supported (this Loupe reads version " + PipelineConfig.SCHEMA_VERSION + ")");
        }
        optionalType(root, "name", JsonNode::isTextual, "a string", "", problems);
        optionalType(root, "token_encoding", JsonNode::isTextual, "a string", "", problems);
        optionalType(root, "seed", JsonNode::isIntegralNumber, "an integer", "", problems);
        JsonNode mapping = root.get("field_mapping");
        if (mapping != null && !mapping.isNull()) {
            if (!mapping.isObject()) {
                problems.add("field_mapping: expected a mapping with text, id, url");
            } else {
                unknownKeys(mapping, MAPPING_KEYS, "field_mapping.", problems);
                for (String k : MAPPING_KEYS) {
                    optionalType(mapping, k, JsonNode::isTextual, "a string (a field name or dotted path)", "field_mapping.", problems);
                }
            }
        }
        validateSample(root.get("sample"), problems);
        JsonNode steps = root.get("steps");
        if (steps == null) {
            problems.add("steps: missing (a list of steps, may be empty)");
        } else if (!steps.isArray()) {
            problems.add("steps: expected a list of steps");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < steps.size(); i++) {
                validateStep(steps.get(i), "steps[" + i + "]", names, problems);
            }
        }
    }

    private static void validateSample(JsonNode sample, List<String> problems) {
        if (sample == null || sample.isNull()) {
            return;
        }
        if (!sample.isObject()) {
            problems.add("sample: expected a mapping with seed and size or fraction");
            return;
        }
        unknownKeys(sample, SAMPLE_KEYS, "sample.", problems);
        optionalType(sample, "seed", JsonNode::isIntegralNumber, "an integer", "sample.", problems);
        JsonNode size = sample.get("size");
        JsonNode fraction = sample.get("fraction");
        if (size != null && !size.isNull() && (!size.isIntegralNumber() || size.asLong() < 1 || size.asLong() > Integer.MAX_VALUE)) {
            problems.add("sample.size: expected a positive integer, got " + size);
        }
        if (fraction != null && !fraction.isNull() && (!fraction.isNumber() || fraction.asDouble() <= 0 || fraction.asDouble() > 1)) {
            problems.add("sample.fraction: expected a number in (0, 1], got " + fraction);
        }
        if (size != null && !size.isNull() && fraction != null && !fraction.isNull()) {
            problems.add("sample: give either size or fraction, not both");
        }
    }

    private void validateStep(JsonNode step, String at, Set<String> names, List<String> problems) {
        if (!step.isObject()) {
            problems.add(at + ": expected a mapping with at least 'type'");
            return;
        }
        unknownKeys(step, STEP_KEYS, at + ".", problems);
        JsonNode typeNode = step.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            problems.add(at + ".type: missing; one of " + catalog.names());
            return;
        }
        StepType type = catalog.type(typeNode.asText()).orElse(null);
        if (type == null) {
            problems.add(at + ".type: unknown step type '" + typeNode.asText() + "'; one of " + catalog.names());
            return;
        }
        optionalType(step, "name", JsonNode::isTextual, "a string", at + ".", problems);
        optionalType(step, "enabled", JsonNode::isBoolean, "true or false", at + ".", problems);
        String name = step.hasNonNull("name") ? step.get("name").asText() : type.name();
        if (!names.add(name)) {
            problems.add(at + ": a second step named '" + name + "'; give one of them a distinct 'name'");
        }
        JsonNode keep = step.get("keep_fraction");
        if (keep != null && !keep.isNull() && (!keep.isNumber() || keep.asDouble() < 0 || keep.asDouble() > 1)) {
            problems.add(at + ".keep_fraction: expected a number in [0, 1], got " + keep);
        }
        JsonNode params = step.get("params");
        if (params != null && !params.isNull()) {
            validateParams(type, params, at + ".params", false, problems);
        }
        JsonNode overrides = step.get("overrides");
        if (overrides != null && !overrides.isNull()) {
            if (!overrides.isArray()) {
                problems.add(at + ".overrides: expected a list of {domains, params}");
            } else {
                for (int i = 0; i < overrides.size(); i++) {
                    JsonNode o = overrides.get(i);
                    String oat = at + ".overrides[" + i + "]";
                    if (!o.isObject()) {
                        problems.add(oat + ": expected a mapping with domains and params");
                        continue;
                    }
                    unknownKeys(o, OVERRIDE_KEYS, oat + ".", problems);
                    JsonNode domains = o.get("domains");
                    if (domains == null || !domains.isArray() || domains.isEmpty()) {
                        problems.add(oat + ".domains: expected a non-empty list of domains");
                    } else {
                        for (int d = 0; d < domains.size(); d++) {
                            if (!domains.get(d).isTextual() || domains.get(d).asText().isBlank()) {
                                problems.add(oat + ".domains[" + d + "]: expected a domain name");
                            }
                        }
                    }
                    JsonNode op = o.get("params");
                    if (op == null || !op.isObject()) {
                        problems.add(oat + ".params: expected a mapping of parameter values");
                    } else {
                        validateParams(type, op, oat + ".params", true, problems);
                    }
                }
            }
        }
    }

    private void validateParams(StepType type, JsonNode params, String at, boolean override, List<String> problems) {
        if (!params.isObject()) {
            problems.add(at + ": expected a mapping of parameter names to values");
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        int before = problems.size();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Object value = yaml.convertValue(e.getValue(), Object.class);
            values.put(e.getKey(), value);
            checkValue(type, e.getKey(), value, e.getValue().toString(), at, override, problems);
        }
        if (problems.size() == before) {
            type.check(at, values, catalog, problems);
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(prefix + k + ": unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private static void optionalType(JsonNode node, String key, java.util.function.Predicate<JsonNode> ok, String what,
                                     String prefix, List<String> problems) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull() && !ok.test(v)) {
            problems.add(prefix + key + ": expected " + what + ", got " + v);
        }
    }

}
