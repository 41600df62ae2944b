package org.loupe.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** MVVM in the app: view models hold state and call services; they never touch controls (JabRef's rule). */
@AnalyzeClasses(packages = "org.loupe.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsKnowNoControls = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models are tested without a window; views bind to them");

    @ArchTest
    static final ArchRule viewsDoNotReadShards = noClasses().that().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().belongToAnyOf(org.loupe.engine.read.ShardScanner.class,
                    org.loupe.engine.read.ShardReaders.class, org.loupe.engine.read.Inspector.class,
                    org.loupe.engine.workspace.Workspace.class, org.loupe.engine.sample.Sampler.class,
                    org.loupe.engine.sample.Preview.class)
            .because("views never call services; reading runs in view models' background tasks");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.loupe.app.(**)").should().beFreeOfCycles()
            .because("views sit on the session, the session on the document inspector and the task helper (ADR 0011)");

    @ArchTest
    static final ArchRule onlyThePackagesAboveTheViewsKnowTheRoot = noClasses()
            .that().resideOutsideOfPackage("org.loupe.app")
            .and().resideOutsideOfPackage("org.loupe.app.shell..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.app")
            .because("the root package starts the app and assembles the command line: it is the top");

    @ArchTest
    static final ArchRule viewsShareTheSessionNotTune = noClasses()
            .that().resideOutsideOfPackages("org.loupe.app.tune..", "org.loupe.app.shell..", "org.loupe.app.bench..", "org.loupe.app")
            .should().dependOnClassesThat().haveSimpleName("TuneViewModel")
            .because("every view reads the sample and the decisions from the shared SampleSession");

    @ArchTest
    static final ArchRule productCodeDoesNotDependOnBenchCode = noClasses().that().resideOutsideOfPackage("org.loupe.*.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.*.bench..")
            .because("benchmarks live in the bench source sets and reach the command line through CliExtension; "
                    + "the product never names them (docs/adr/0012-bench-source-set.md)");
}
