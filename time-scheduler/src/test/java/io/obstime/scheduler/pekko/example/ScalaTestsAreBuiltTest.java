package io.obstime.scheduler.pekko.example;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * Guards the build: the Scala face of the API is proven by src/test/scala, which only counts if scala-maven-plugin
 * compiled it next to this class (surefire then runs it like any JUnit 5 test class).
 */
class ScalaTestsAreBuiltTest {

    @Test
    void theScalaExampleAndItsTestAreCompiledIntoTheTestClasses() {
        ClassLoader loader = getClass().getClassLoader();
        assertDoesNotThrow(() -> Class.forName("io.obstime.scheduler.pekko.example.Controller$", false, loader));
        assertDoesNotThrow(() -> Class.forName(getClass().getPackageName() + ".ReadmeScalaExampleTest", false, loader));
        assertDoesNotThrow(() -> Class.forName(getClass().getPackageName() + ".SlotController$", false, loader));
        assertDoesNotThrow(() -> Class.forName(getClass().getPackageName() + ".ReadmeScalaSlotExampleTest", false, loader));
        assertDoesNotThrow(() -> Class.forName("io.obstime.scheduler.akka.example.AkkaTickMessageScalaTest", false,
                loader));
        assertDoesNotThrow(() -> Class.forName("io.obstime.scheduler.pekko.example.ExposureLoop$", false, loader));
        assertDoesNotThrow(
                () -> Class.forName(getClass().getPackageName() + ".ReadmeTimersScalaExampleTest", false, loader));
    }
}
