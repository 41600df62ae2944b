package org.loupe.engine.cli;

import picocli.CommandLine;

/**
 * Commands that reach the {@code loupe} command line without the product naming them: the app finds every
 * implementation with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.loupe.engine.cli.CliExtension}) and lets it add its commands. This is how the
 * benchmarks ({@code loupe bench ...}) come in from each module's bench source set, which the product's code
 * cannot reference (docs/adr/0012-bench-source-set.md).
 */
public interface CliExtension {

    /** Adds this extension's commands to {@code root}, the {@code loupe} command line. */
    void register(CommandLine root);
}
