package io.obstime.bench.clock.binding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A hand-written JNI function ({@code src/main/c/obstime_bench_jni.c}) that returns {@code clock_gettime} as
 * nanoseconds: one JNI transition per read, nothing allocated. The Maven build compiles the library with the system
 * C compiler into this package; without a compiler the library is absent and {@link #unavailableReason()} says why,
 * so the benchmark is skipped rather than failed.
 */
public final class JniClock {

    static final String LIBRARY_RESOURCE = "libobstime_bench_jni.so";
    static final String BUILD_STATUS_RESOURCE = "jni-build-status.txt";

    private static final String UNAVAILABLE_REASON = load();

    private JniClock() {
    }

    /** @return null when the JNI library is loaded, else why it is not (for the skip message) */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /**
     * @param clockId a Linux clock id ({@link ClockIds})
     * @return that clock in nanoseconds since its epoch
     * @throws IllegalStateException when clock_gettime fails (with errno)
     */
    public static native long clockGettimeNanos(int clockId);

    /** @return CLOCK_TAI in nanoseconds since 1970 (the kernel's reading) */
    public static long taiNanos() {
        return clockGettimeNanos(ClockIds.CLOCK_TAI);
    }

    private static String load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "the JNI library is built for Linux only (os.name=" + System.getProperty("os.name") + ")";
        }
        try (InputStream library = JniClock.class.getResourceAsStream(LIBRARY_RESOURCE)) {
            if (library == null) {
                return "not built: " + buildStatus();
            }
            // System.load needs a file: copy the library out of the jar (or classes directory).
            Path file = Files.createTempFile("obstime_bench_jni", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            return null;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            return "cannot load " + LIBRARY_RESOURCE + ": " + e;
        }
    }

    private static String buildStatus() {
        try (InputStream status = JniClock.class.getResourceAsStream(BUILD_STATUS_RESOURCE)) {
            if (status == null) {
                return "no build status recorded (was the module built by Maven?)";
            }
            return new String(status.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "build status unreadable: " + e;
        }
    }
}
