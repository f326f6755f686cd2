#!/bin/sh
# Compiles the benchmark's JNI library with the system C compiler; called by the Maven build (exec-maven-plugin,
# phase process-classes) as: build-jni.sh <source.c> <java.home> <jni-header-dir> <output-dir>.
#
# Never fails the build: without a C compiler or JNI headers, or when the compiler fails, it prints why and writes
# the reason to <output-dir>/jni-build-status.txt; the JNI benchmark is then skipped at run time with that reason.
# CC chooses the compiler (default: cc).
set -u
src=$1 java_home=$2 header_dir=$3 out_dir=$4
cc=${CC:-cc}
lib=$out_dir/libobstime_bench_jni.so
status=$out_dir/jni-build-status.txt
mkdir -p "$out_dir"
rm -f "$lib"

skip() {
    echo "[obstime-bench] JNI library not built: $1 (the JNI clock-read benchmark will be skipped)" >&2
    printf '%s\n' "$1" > "$status"
    exit 0
}

command -v "$cc" > /dev/null 2>&1 || skip "no C compiler '$cc' on PATH at build time (install gcc, or set CC)"
# JDK 9+: <java.home>/include; JDK 8 layout: <java.home>/../include.
inc=$java_home/include
[ -f "$inc/jni.h" ] || inc=$java_home/../include
[ -f "$inc/jni.h" ] || skip "no jni.h under $java_home/include (a JRE without headers?)"
os_inc=$inc/linux
[ -d "$os_inc" ] || os_inc=$(find "$inc" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -f "$header_dir/io_obstime_bench_clock_binding_JniClock.h" ] || skip "javac -h did not write JniClock's header to $header_dir"

if "$cc" -O2 -fPIC -shared -Wall -Wextra -Werror -std=c11 -D_POSIX_C_SOURCE=200809L \
        -I"$inc" -I"$os_inc" -I"$header_dir" -o "$lib" "$src"; then
    printf 'built with %s\n' "$("$cc" --version 2>/dev/null | head -n 1)" > "$status"
    echo "[obstime-bench] JNI library built: $lib" >&2
else
    rm -f "$lib"
    skip "'$cc' failed to compile $src (see the compiler's messages above)"
fi
