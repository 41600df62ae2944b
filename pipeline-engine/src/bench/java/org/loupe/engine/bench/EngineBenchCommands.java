package org.loupe.engine.bench;

import org.loupe.engine.cli.CliExtension;
import picocli.CommandLine;

/** Adds {@code loupe bench} and the engine's benchmarks (generate, sample, decide, measure, tokenizer, lid, minhash). */
public final class EngineBenchCommands implements CliExtension {

    @Override
    public void register(CommandLine root) {
        BenchCommand.group(root);
    }
}
