/**
 * Bench-only native bindings to the kernel's clocks, one per route a library could take: JNA with a
 * {@code Structure} allocated per call (how the TMT CSW time service reads CLOCK_TAI), JNA direct mapping with a raw
 * address argument, and a hand-written JNI function (C source in {@code src/main/c}). The FFM twin is in
 * {@code src/main/java22}. These exist only to be measured against obstime's own backend; nothing outside this module
 * uses them. Every binding checks the return code and throws with the clock id and errno.
 */
package io.obstime.bench.clock.binding;
