package org.loupe.engine.measure.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * spaCy 3.6.1's English tokenizer data, read from the bundled {@code spacy_en_rules.json}: the prefix,
 * suffix and infix regexes and the URL regex in Python {@code re} syntax, the special-case table
 * (string → token texts) and the sentencizer's punctuation characters. The file is spaCy's own data
 * (MIT licence, © ExplosionAI GmbH; see {@code spacy-LICENSE.txt} next to it), dumped from the same
 * spaCy build that produced the golden reference outputs, so nothing here is re-derived by hand.
 */
record SpacyEnglishRules(
        String spacyVersion,
        String prefixPattern,
        String suffixPattern,
        String infixPattern,
        String urlPattern,
        Map<String, List<String>> specialCases,
        List<String> sentencizerPunctChars) {

    static final String RESOURCE = "spacy_en_rules.json";

    static SpacyEnglishRules load() {
        try (InputStream in = SpacyEnglishRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + SpacyEnglishRules.class.getName());
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static SpacyEnglishRules parse(JsonNode root) {
        if (!root.path("token_match").isNull()) {
            throw new IllegalStateException("the rules set a token_match, which this port does not implement");
        }
        Map<String, List<String>> specials = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.required("special_cases").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> pieces = new ArrayList<>();
            e.getValue().forEach(p -> pieces.add(p.asText()));
            if (pieces.isEmpty() || !String.join("", pieces).equals(e.getKey())) {
                // spaCy enforces this too (E997): the pieces spell the key.
                throw new IllegalStateException("special case " + e.getKey() + " is not spelled by its pieces " + pieces);
            }
            specials.put(e.getKey(), List.copyOf(pieces));
        }
        List<String> punct = new ArrayList<>();
        root.required("sentencizer_punct_chars").forEach(p -> punct.add(p.asText()));
        return new SpacyEnglishRules(
                root.required("spacy_version").asText(),
                root.required("prefix_pattern").asText(),
                root.required("suffix_pattern").asText(),
                root.required("infix_pattern").asText(),
                root.required("url_match").asText(),
                Map.copyOf(specials),
                List.copyOf(punct));
    }
}
