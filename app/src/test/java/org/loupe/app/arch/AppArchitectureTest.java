package org.loupe.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
    static final ArchRule productCodeDoesNotDependOnBenchCode = noClasses().that().resideOutsideOfPackage("org.loupe.*.bench..")
            .should().dependOnClassesThat().resideInAPackage("org.loupe.*.bench..")
            .because("benchmarks live in the bench source sets and reach the command line through CliExtension; "
                    + "the product never names them (docs/adr/0012-bench-source-set.md)");
}
