package io.github.difyspring;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the library, read from its bytecode: no package depends on itself through others,
 * the clients need no Spring Boot, and the {@code internal} package is never part of the API.
 */
class ArchitectureTests {

    // The test double (io.github.difyspring.test) is on the test class path but is not the library.
    private static final JavaClasses LIBRARY = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption((location) -> !location.contains("/io/github/difyspring/test/"))
        .importPackages("io.github.difyspring");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.github.difyspring.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void theClientsNeedNeitherSpringBootNorTheAutoConfiguration() {
        noClasses().that().resideInAPackage("io.github.difyspring.client..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot..", "io.github.difyspring.autoconfigure..")
            .check(LIBRARY);
    }

    @Test
    void theInternalPackageIsNeverPartOfThePublicApi() {
        List<String> exposed = new ArrayList<>();
        for (JavaClass type : LIBRARY) {
            if (!type.getModifiers().contains(JavaModifier.PUBLIC) || type.getPackageName().contains(".internal")) {
                continue;
            }
            Stream.of(type.getMethods(), type.getConstructors(), type.getFields()).flatMap(java.util.Collection::stream)
                .map(JavaMember.class::cast)
                .filter((member) -> member.getModifiers().contains(JavaModifier.PUBLIC)
                        || member.getModifiers().contains(JavaModifier.PROTECTED))
                .filter((member) -> signatureTypes(member).stream().anyMatch((name) -> name.contains(".internal.")))
                .forEach((member) -> exposed.add(member.getFullName()));
        }
        assertThat(exposed).as("public or protected members whose signature names an internal type").isEmpty();
    }

    /** The raw types a member's signature names: a field's type, a method's return and parameter types. */
    private static List<String> signatureTypes(JavaMember member) {
        List<String> types = new ArrayList<>();
        if (member instanceof JavaField field) {
            types.add(field.getRawType().getName());
        }
        else if (member instanceof JavaCodeUnit unit) {
            types.add(unit.getRawReturnType().getName());
            unit.getRawParameterTypes().forEach((parameter) -> types.add(parameter.getName()));
        }
        return types;
    }
}
