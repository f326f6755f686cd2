/*
 * Hand-written JNI read of a POSIX clock, for the clock-read benchmarks only (not part of the obstime library).
 *
 * JniClock.clockGettimeNanos(int clockId): clock_gettime(clockId) as nanoseconds since that clock's epoch.
 * One JNI transition, no allocation, no JNI callbacks on the fast path; a failing clock_gettime throws
 * IllegalStateException naming the clock id and errno (a clock must never read as a silent 0).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jni.h>

#include "io_obstime_bench_clock_binding_JniClock.h"

static void throw_clock_error(JNIEnv *env, jint clock_id, int err) {
    char message[160];
    snprintf(message, sizeof message, "clock_gettime(clockId=%d) failed: errno %d (%s)", (int) clock_id, err,
             strerror(err));
    jclass exception = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (exception != NULL) {
        (*env)->ThrowNew(env, exception, message);
    }
}

JNIEXPORT jlong JNICALL Java_io_obstime_bench_clock_binding_JniClock_clockGettimeNanos(JNIEnv *env, jclass cls,
                                                                                     jint clock_id) {
    (void) cls;
    struct timespec ts;
    if (clock_gettime((clockid_t) clock_id, &ts) != 0) {
        throw_clock_error(env, clock_id, errno);
        return 0;
    }
    return (jlong) ts.tv_sec * 1000000000LL + (jlong) ts.tv_nsec;
}
