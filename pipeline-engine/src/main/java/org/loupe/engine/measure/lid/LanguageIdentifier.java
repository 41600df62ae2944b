package org.loupe.engine.measure.lid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Language identification as datatrove's {@code LanguageFilter} does it with the {@code ft176} backend: fastText's
 * {@code lid.176} model on the document text with every {@code "\n"} replaced by a space (no other cleaning: no
 * strip, no lower-casing), all labels requested ({@code k=-1}), {@code __label__} dropped from the label.
 *
 * <p>Why the text is not stripped or otherwise normalised: datatrove passes {@code text.replace("\n", " ")}
 * straight to fastText, and fastText itself ignores leading and trailing ASCII blanks; any other change (Unicode
 * spaces, {@code \r}) could change the scores.
 *
 * <p>Thread-safe: the model is immutable, each call has its own working state. Load it once and share it; the
 * bundled model is loaded at most once per class loader by {@link #lid176()}.
 */
public final class LanguageIdentifier {
    /**
     * Where the Loupe assets module ships {@code lid.176.ftz} on the classpath. The engine does not depend on that
     * module; the resource is there when the assets jar is (the app, the CLI).
     */
    public static final String LID176_RESOURCE = "/org/loupe/assets/models/lid.176.ftz";

    /** One language and its score, as datatrove records them ({@code language}, {@code language_score}). */
    public record Prediction(String language, double score) {
    }

    private final FastTextModel model;

    public LanguageIdentifier(FastTextModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A language identifier on the model in this stream (read to its end; not closed). */
    public static LanguageIdentifier load(InputStream in) throws IOException {
        return new LanguageIdentifier(FastTextModel.load(in));
    }

    /** A language identifier on the model in this file. */
    public static LanguageIdentifier load(Path modelFile) throws IOException {
        return new LanguageIdentifier(FastTextModel.load(modelFile));
    }

    /**
     * The shared identifier on the bundled {@code lid.176.ftz}, loaded on first use (a 0.9 MB file; about
     * 6 MB of heap, some 50 ms to load).
     *
     * @throws IllegalStateException when the assets module is not on the classpath
     * @throws UncheckedIOException when the model cannot be read
     */
    public static LanguageIdentifier lid176() {
        LanguageIdentifier lid = bundled;
        if (lid == null) {
            synchronized (LanguageIdentifier.class) {
                lid = bundled;
                if (lid == null) {
                    lid = loadBundled();
                    bundled = lid;
                }
            }
        }
        return lid;
    }

    /**
     * Set once by {@link #lid176()}. Not a holder class: a failed class initialisation would turn every later call
     * into a bare NoClassDefFoundError, where a plain field lets each call report why the model is missing.
     */
    private static volatile LanguageIdentifier bundled;

    private static LanguageIdentifier loadBundled() {
        try (InputStream in = LanguageIdentifier.class.getResourceAsStream(LID176_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the language ID model " + LID176_RESOURCE
                        + " is not on the classpath (it ships in the loupe-assets module)");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled language ID model " + LID176_RESOURCE, e);
        }
    }

    public FastTextModel model() {
        return model;
    }

    /**
     * The best language and its score, datatrove's {@code best_lang_pair}. With lid.176 there is always one (the
     * end-of-line token is in its vocabulary, so even an empty text gets scores); a model that gives none yields
     * language {@code ""} with score 0.
     */
    public Prediction identify(String text) {
        List<Prediction> all = topK(text, -1);
        return all.isEmpty() ? new Prediction("", 0.0) : all.get(0);
    }

    /**
     * The {@code k} best languages, best first; {@code k = -1} gives every language fastText reports for
     * datatrove's {@code k=-1} (those with probability above about 1e-5), which is what the filter needs for
     * {@code languages} and {@code keep_top_pairs_threshold}.
     */
    public List<Prediction> topK(String text, int k) {
        List<ScoredLabel> labels = model.predict(preprocess(text), k);
        List<Prediction> out = new ArrayList<>(labels.size());
        for (ScoredLabel l : labels) {
            out.add(new Prediction(language(l.label()), l.probability()));
        }
        return out;
    }

    /** datatrove's preprocessing: the whole document as one line. */
    static String preprocess(String text) {
        return Objects.requireNonNull(text, "text").replace("\n", " ");
    }

    /** datatrove's {@code label.split("__")[2]}: {@code __label__en} → {@code en}. */
    static String language(String label) {
        String[] parts = label.split("__", -1);
        return parts.length > 2 ? parts[2] : label;
    }
}
