#!/bin/sh
# obstime benchmarks in one command: builds the bench module (and the library) with Maven, then runs the clock-read
# JMH benchmarks and the 1 kHz jitter benchmark, prints tables, writes JSON, .hgrm files and a percentile plot.
#
#   time-clock-jni-bench/run-benchmarks.sh [quick|full] [--only clock|jitter] [--load] [--out DIR]
#   time-clock-jni-bench/run-benchmarks.sh soak --minutes N [--period-us 1000]
#   time-clock-jni-bench/run-benchmarks.sh scale [quick|full] [--only jmh|footprint|jitter] [--rounds N] [--seed N]
#
#   quick  clock reads (JMH 1 fork, short iterations) and the jitter benchmark in 5 interleaved rounds of
#          0.2 s warm-up + 0.3 s per contender (seed logged; --seed N replays an order)
#   full   JMH 2 forks; jitter in 5 interleaved rounds of 3 s warm-up + 10 s per contender, also cyclictest holding
#          PM QoS (about 17 minutes)
#   soak   one 1 kHz obstime task for N minutes (fractions allowed): every TAI slot accounted for (run, skipped,
#          lost, doubled), drift against the TAI grid, heap after each GC, lateness per minute; exit status 1 when
#          the slots do not add up. Results in target/bench-results/soak-jdk<N>/ (soak-results.json, soak-report.md).
#   scale  obstime against Netty's HashedWheelTimer, ScheduledThreadPoolExecutor and Akka's scheduler: schedule +
#          cancel throughput (JMH, 1 and 8 threads, -prof gc), heap per pending task and close time with 200 000
#          pending, lateness and timer CPU with 1-1000 periodic 1 kHz tasks (staggered and aligned), plot
#          lateness-vs-tasks.png. Results in target/bench-results/scale-<quick|full>-jdk<N>/.
#
# Results: time-clock-jni-bench/target/bench-results/<mode>-jdk<N>/ (jmh-results.json, jitter-results.json,
# lateness-percentiles.png, lateness-<contender>.hgrm, summary.md).
# The JDK is $JAVA_HOME's if set, else the one on PATH (the same one builds and runs). Optional: C `cyclictest`
# (Debian/Ubuntu: apt-get install -y rt-tests) as the machine's floor, and a C compiler for the JNI benchmark;
# without them those are skipped with a message. Extra Maven options: MAVEN_ARGS (e.g. MAVEN_ARGS=-o).
# BENCH_SKIP_BUILD=1 reuses the last build. Exit status: non-zero only when a benchmark could not run (soak: or
# when its slots do not add up).
set -eu

module_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(dirname "$module_dir")
mode=quick
case "${1:-}" in
    quick|full|soak|scale) mode=$1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
esac

if [ -n "${JAVA_HOME:-}" ]; then java_cmd=$JAVA_HOME/bin/java; else java_cmd=java; fi
feature=$("$java_cmd" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [ -z "$feature" ]; then
    echo "run-benchmarks: cannot run '$java_cmd' (set JAVA_HOME to a JDK 17+)" >&2
    exit 2
fi

start=$(date +%s)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    # After a build by another JDK, the bench module's compiled and generated files are removed first (not with
    # `mvn clean`, which would delete the results of that JDK's run): it compiles with release 22 and the FFM
    # benchmarks on JDK 22+ only, and stale generated JMH sources must not reach a JDK 17 build.
    stamp=$module_dir/target/build-jdk.txt
    if [ -d "$module_dir/target/classes" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$feature" ]; then
        rm -rf "$module_dir/target/classes" "$module_dir/target/generated-sources" \
            "$module_dir/target/maven-status" "$module_dir/target/jni-headers"
    fi
    echo "run-benchmarks: building with Maven on JDK $feature ..."
    # shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
    (cd "$repo_dir" && mvn -q ${MAVEN_ARGS:-} -Dmaven.test.skip=true -pl time-clock-jni-bench -am package)
    echo "$feature" > "$stamp"
fi
jar=$module_dir/target/benchmarks.jar
[ -f "$jar" ] || { echo "run-benchmarks: $jar missing (build failed?)" >&2; exit 2; }

jvm_opts=
if [ "$feature" -ge 22 ]; then
    # JNA, JNI and FFM are native access: JDK 24+ warns unless it is enabled.
    jvm_opts=--enable-native-access=ALL-UNNAMED
fi
if [ "$feature" -ge 23 ]; then
    # JMH 1.37 uses sun.misc.Unsafe, which JDK 24+ warns about (JEP 471/498); the benchmark forks inherit this.
    jvm_opts="$jvm_opts --sun-misc-unsafe-memory-access=allow"
fi
if [ "$mode" = scale ]; then
    pass=quick
    case "${1:-}" in
        quick|full) pass=$1; shift ;;
    esac
    # shellcheck disable=SC2086 # jvm_opts is a list of options
    "$java_cmd" $jvm_opts -cp "$jar" io.obstime.bench.scale.ScaleBenchmark "$pass" \
        --out "$module_dir/target/bench-results/scale-$pass-jdk$feature" "$@" && status=0 || status=$?
elif [ "$mode" = soak ]; then
    # shellcheck disable=SC2086 # jvm_opts is a list of options
    "$java_cmd" $jvm_opts -cp "$jar" io.obstime.bench.soak.SoakBenchmark \
        --out "$module_dir/target/bench-results/soak-jdk$feature" "$@" && status=0 || status=$?
else
    # shellcheck disable=SC2086 # jvm_opts is a list of options
    "$java_cmd" $jvm_opts -cp "$jar" io.obstime.bench.BenchmarkSuite "$mode" \
        --out "$module_dir/target/bench-results" "$@" && status=0 || status=$?
fi
echo "run-benchmarks: $mode pass on JDK $feature finished in $(( $(date +%s) - start )) s, exit status $status"
exit "$status"
