package org.loupe.index;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The indexer depends on the engine only (DESIGN.md "Modules"). */
@AnalyzeClasses(packages = "org.loupe.index", importOptions = ImportOption.DoNotIncludeTests.class)
class IndexerArchitectureTest {

    @ArchTest
    static final ArchRule indexerIsFxFree = noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .allowEmptyShould(true)
            .because("the index is built and queried headless too (loupe search)");

    @ArchTest
    static final ArchRule indexerKnowsNoSmile = noClasses().should().dependOnClassesThat().resideInAnyPackage("smile..")
            .allowEmptyShould(true)
            .because("clustering belongs to the analysis module");

    @ArchTest
    static final ArchRule indexerKnowsNoSiblingOrApp = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.loupe.analysis..", "org.loupe.app..")
            .allowEmptyShould(true)
            .because("module arrows point down: app → indexer → engine");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.loupe.index.(**)").should().beFreeOfCycles()
            .because("a cycle makes two packages one; commands sit above the code they run");

    @ArchTest
    static final ArchRule productCodeDoesNotDependOnBenchCode = noClasses().that().resideOutsideOfPackage("org.loupe.*.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.*.bench..")
            .because("benchmarks live in the bench source sets and reach the command line through CliExtension; "
                    + "the product never names them (docs/adr/0012-bench-source-set.md)");
}
