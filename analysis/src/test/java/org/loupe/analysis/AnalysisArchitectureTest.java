package org.loupe.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Analysis depends on the engine only (DESIGN.md "Modules"). */
@AnalyzeClasses(packages = "org.loupe.analysis", importOptions = ImportOption.DoNotIncludeTests.class)
class AnalysisArchitectureTest {

    @ArchTest
    static final ArchRule analysisIsFxFree = noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .allowEmptyShould(true)
            .because("analyses run headless too (loupe domains, loupe vocab, loupe clusters)");

    @ArchTest
    static final ArchRule analysisKnowsNoLucene = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..")
            .allowEmptyShould(true)
            .because("search belongs to the indexer module");

    @ArchTest
    static final ArchRule analysisKnowsNoSiblingOrApp = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.loupe.index..", "org.loupe.app..")
            .allowEmptyShould(true)
            .because("module arrows point down: app → analysis → engine");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.loupe.analysis.(**)").should().beFreeOfCycles()
            .because("a cycle makes two packages one; commands sit above the code they run");

    @ArchTest
    static final ArchRule productCodeDoesNotDependOnBenchCode = noClasses().that().resideOutsideOfPackage("org.loupe.*.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.*.bench..")
            .because("benchmarks live in the bench source sets and reach the command line through CliExtension; "
                    + "the product never names them (docs/adr/0012-bench-source-set.md)");
}
