package org.loupe.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
    static final ArchRule engineKnowsNoUpperModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.loupe.index..", "org.loupe.analysis..", "org.loupe.app..")
            .because("module arrows point down: app → indexer/analysis → engine");
}
