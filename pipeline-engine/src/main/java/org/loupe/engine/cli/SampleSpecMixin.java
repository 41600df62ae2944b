package org.loupe.engine.cli;

import java.util.ArrayList;
import java.util.List;
import org.loupe.engine.sample.SampleSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The command-line options that choose a sample. */
public final class SampleSpecMixin {
    @Option(names = {"-n", "--size"}, paramLabel = "N", description = "Sample size in documents (default: ${DEFAULT-VALUE}).")
    int size = SampleSpec.DEFAULT_SIZE;

    @Option(names = "--fraction", paramLabel = "F", description = "Sample a fraction of the documents in (0, 1] instead of a fixed size.")
    Double fraction;

    @Option(names = {"-s", "--seed"}, paramLabel = "SEED", description = "Sampling seed; the same seed gives the same sample (default: ${DEFAULT-VALUE}).")
    long seed = SampleSpec.DEFAULT_SEED;

    @Option(names = "--shards", paramLabel = "PATH", split = ",", description = "Only these shards (paths relative to the folder, comma-separated).")
    List<String> shards = new ArrayList<>();

    /** Checks the options up front: a positive size, a fraction in (0, 1]. */
    public void check(CommandLine cli) {
        CommandSupport.range(cli, "--size", size, 1, Integer.MAX_VALUE);
        if (fraction != null && !(fraction > 0 && fraction <= 1)) {
            throw new ParameterException(cli, "--fraction must be in (0, 1], not " + fraction);
        }
    }

    public SampleSpec toSpec() {
        SampleSpec spec = fraction != null ? SampleSpec.ofFraction(fraction, seed) : SampleSpec.ofSize(size, seed);
        return spec.withShards(shards);
    }
}
