package org.loupe.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine sits at the bottom of the module arrows (DESIGN.md "Modules"): it knows no UI, index or ML library. */
@AnalyzeClasses(packages = "org.loupe.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    @ArchTest
    static final ArchRule engineIsFxFree = noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the engine runs headless (CLI, full runs, Spark); only the app module knows JavaFX");

    @ArchTest
    static final ArchRule engineKnowsNoLucene = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..")
            .because("indexing belongs to the indexer module, which depends on the engine, not the other way round");

    @ArchTest
    static final ArchRule engineKnowsNoSmile = noClasses().should().dependOnClassesThat().resideInAnyPackage("smile..")
            .because("embeddings and clustering belong to the analysis module");

    @ArchTest
    static final ArchRule productCodeDoesNotDependOnBenchCode = noClasses().that().resideOutsideOfPackage("org.loupe.*.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.*.bench..")
            .because("benchmarks live in the bench source sets and reach the command line through CliExtension; "
                    + "the product never names them (docs/adr/0012-bench-source-set.md)");

    @ArchTest
    static final ArchRule engineKnowsNoUpperModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.loupe.index..", "org.loupe.analysis..", "org.loupe.app..")
            .because("module arrows point down: app → indexer/analysis → engine");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.loupe.engine.(**)").should().beFreeOfCycles()
            .because("each package is a layer of its own; a cycle makes two packages one (docs/adr/0011)");

    /**
     * Bottom to top: the parts (models, I/O, reading, sampling) and the measures; the step model (config,
     * step types, their deciders) over the measures; the decisions of a whole pipeline over a sample; the
     * orchestration (full runs, reports, commands) at the top.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Base").definedBy("org.loupe.engine.model..", "org.loupe.engine.io..", "org.loupe.engine.task..")
            .layer("Reading").definedBy("org.loupe.engine.read..", "org.loupe.engine.sample..", "org.loupe.engine.workspace..")
            .layer("Measures").definedBy("org.loupe.engine.measure..")
            .layer("Checks").definedBy("org.loupe.engine.filter..")
            .layer("StepModel").definedBy("org.loupe.engine.pipeline..")
            .layer("Decisions").definedBy("org.loupe.engine.decision..")
            .layer("Orchestration").definedBy("org.loupe.engine.run..", "org.loupe.engine.report..",
                    "org.loupe.engine.cli..", "org.loupe.engine.bench..")
            .whereLayer("Orchestration").mayNotBeAccessedByAnyLayer()
            .whereLayer("Decisions").mayOnlyBeAccessedByLayers("Orchestration")
            .whereLayer("StepModel").mayOnlyBeAccessedByLayers("Decisions", "Orchestration")
            .whereLayer("Checks").mayOnlyBeAccessedByLayers("StepModel", "Decisions", "Orchestration")
            .whereLayer("Measures").mayOnlyBeAccessedByLayers("Checks", "StepModel", "Decisions", "Orchestration")
            .whereLayer("Reading").mayOnlyBeAccessedByLayers("Measures", "StepModel", "Decisions", "Orchestration")
            .because("the engine's layers: parts and measures, the step model, decisions, orchestration (docs/adr/0011)");
}
