#!/usr/bin/env bash
# Real-kernel drills for obstime: leap seconds, clock steps and kernel TAI offset changes made by a real Linux kernel
# inside a QEMU guest, judged against obstime's TimeSource and TimeScheduler (see io.obstime.drills.Drill).
#
#   time-drills/run-drills.sh [quick|full] [--scenarios a,b,...] [--jdks 17,25] [--lead SECONDS] [--parallel]
#
# quick: the CI set (see `Drill --list quick`); full: every scenario. One guest boot per JDK (one vCPU, TCG), all its
# scenarios in that boot, one JDK after the other (--parallel boots them side by side: faster, but the two emulators
# then share the host's cores and the guests stall more). Results: time-drills/target/drill-results/
# <scenario>-jdk<N>.log, console-jdk<N>.log, summary.txt. Exits non-zero if a check FAILs or a scenario does not
# complete (each boot has a timeout).
#
# Needs: qemu-system-x86_64 (Debian: apt-get install --no-install-recommends qemu-system-x86), gcc with static libc,
# Maven and JDK 17 (+ Temurin 25 for the second JDK), apt-get (to fetch the guest's kernel, busybox and chrony as .deb
# files: downloaded and unpacked, never installed). Cache: ${OBSTIME_DRILLS_CACHE:-~/.cache/obstime-drills}.
#
# Safety: the clock is set only inside the guest. The helper that sets it refuses to run unless /proc/cmdline carries
# obstime.drill.guest=1, which only the QEMU command line below puts there. The guest has no network (-nic none).
set -euo pipefail

MODE=quick
SCENARIOS=""
JDKS="17,25"
LEAD=${OBSTIME_DRILLS_LEAD:-8}
PARALLEL=""
while [ $# -gt 0 ]; do
  case "$1" in
    quick|full) MODE=$1 ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --jdks) JDKS=$2; shift ;;
    --lead) LEAD=$2; shift ;;
    --parallel) PARALLEL=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
CACHE=${OBSTIME_DRILLS_CACHE:-$HOME/.cache/obstime-drills}
WORK=$HERE/target/drill-work
RESULTS=$HERE/target/drill-results
JDK17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
T0=$(date +%s)
say() { printf '[drills %4ds] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

command -v qemu-system-x86_64 >/dev/null || { echo "qemu-system-x86_64 not found: apt-get install -y --no-install-recommends qemu-system-x86" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc not found" >&2; exit 2; }
mkdir -p "$CACHE/debs" "$WORK" "$RESULTS"
rm -f "$RESULTS"/*.log "$RESULTS"/summary.txt

# --- 1. the guest's kernel, busybox and chronyd, as Debian packages: downloaded, unpacked, never installed --------
fetch() { # package name pattern
  if ! ls "$CACHE/debs/$2"_*.deb >/dev/null 2>&1; then
    say "downloading $1"
    (cd "$CACHE/debs" && { apt-get download "$1" 2>/dev/null || { apt-get update -qq && apt-get download "$1"; }; })
  fi
}
fetch linux-image-cloud-amd64 linux-image-cloud-amd64
KPKG=$(dpkg-deb -f "$(ls "$CACHE"/debs/linux-image-cloud-amd64_*.deb | tail -1)" Depends | grep -o 'linux-image-[0-9][^ ,]*-cloud-amd64' | head -1)
fetch "$KPKG" "$KPKG"
fetch busybox-static busybox-static
fetch chrony chrony
UNPACK=$WORK/unpack
if [ ! -x "$UNPACK/bin/busybox" ] || [ ! -f "$UNPACK/usr/sbin/chronyd" ] || ! ls "$UNPACK"/boot/vmlinuz-* >/dev/null 2>&1; then
  rm -rf "$UNPACK"; mkdir -p "$UNPACK"
  for deb in "$CACHE"/debs/"$KPKG"_*.deb "$CACHE"/debs/busybox-static_*.deb "$CACHE"/debs/chrony_*.deb; do
    dpkg -x "$deb" "$UNPACK"
  done
fi
KERNEL=$(ls "$UNPACK"/boot/vmlinuz-* | tail -1)
BUSYBOX=$UNPACK/bin/busybox

# --- 2. the helper and the drill program ---------------------------------------------------------------------------
say "building the guest helper (gcc -static)"
gcc -static -O2 -Wall -Wextra -o "$WORK/drill-helper" "$HERE/src/main/c/drill-helper.c"
if [ -z "${OBSTIME_DRILLS_SKIP_BUILD:-}" ]; then
  say "building time-drills (mvn package, tests skipped: mvn verify runs them)"
  (cd "$ROOT" && JAVA_HOME=$JDK17 mvn -q -B -ntp -pl time-drills -am package -DskipTests)
fi
[ -f "$HERE/target/time-drills.jar" ] || { echo "time-drills/target/time-drills.jar missing" >&2; exit 2; }

# --- 3. trimmed JDK images (jlink; JDK 25 has no jmods: it links from its own run-time image, JEP 493) -------------
jdk_home() { case "$1" in 17) echo "$JDK17" ;; 25) echo "$JDK25" ;; *) echo "/usr/lib/jvm/temurin-$1-jdk-amd64" ;; esac; }
image_for() {
  local n=$1 home img stamp
  home=$(jdk_home "$n")
  [ -x "$home/bin/jlink" ] || { echo "JDK $n not found at $home" >&2; return 1; }
  stamp=$("$home/bin/java" -version 2>&1 | head -2 | tr -cd '[:alnum:]._-' | cut -c1-80)
  img=$CACHE/jdk-images/jdk$n-$stamp
  if [ ! -x "$img/bin/java" ]; then
    say "jlink JDK $n -> $img"
    rm -rf "$img"; mkdir -p "$(dirname "$img")"
    "$home/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-header-files \
      --no-man-pages --output "$img" >/dev/null
    "$img/bin/java" -Xshare:dump -XX:+UseSerialGC >/dev/null 2>&1 || true # class data sharing: faster start
  fi
  echo "$img"
}

# --- 4. one initramfs per JDK ------------------------------------------------------------------------------------
copy_libs() { # copy the shared libraries of the given ELF files into $ROOTFS, keeping their paths
  local f lib
  for f in "$@"; do
    ldd "$f" 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' || true
  done | sort -u | while read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
  done
}
build_initramfs() { # jdk-number image output
  local n=$1 img=$2 out=$3
  ROOTFS=$WORK/rootfs-jdk$n
  rm -rf "$ROOTFS"; mkdir -p "$ROOTFS"/{bin,sbin,usr/sbin,etc,proc,sys,dev,tmp,drill/lib,usr/share/zoneinfo/right}
  cp "$BUSYBOX" "$ROOTFS/bin/busybox"
  ln -s busybox "$ROOTFS/bin/sh"
  cp -a "$img" "$ROOTFS/jdk"
  cp "$HERE"/target/lib/*.jar "$HERE/target/time-drills.jar" "$ROOTFS/drill/lib/"
  cp "$WORK/drill-helper" "$HERE/src/main/guest/chrony-drill.sh" "$ROOTFS/drill/"
  cp "$HERE/src/main/guest/init" "$ROOTFS/init"
  chmod +x "$ROOTFS/init" "$ROOTFS/drill/chrony-drill.sh"
  cp "$UNPACK/usr/sbin/chronyd" "$ROOTFS/usr/sbin/"
  cp -L /usr/share/zoneinfo/right/UTC "$ROOTFS/usr/share/zoneinfo/right/UTC"
  printf 'root:x:0:0:root:/tmp:/bin/sh\n' > "$ROOTFS/etc/passwd"
  printf 'root:x:0:\n' > "$ROOTFS/etc/group"
  copy_libs "$img/bin/java" "$img"/lib/*.so "$img"/lib/server/libjvm.so "$UNPACK/usr/sbin/chronyd"
  mkdir -p "$ROOTFS/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib64/"
  (cd "$ROOTFS" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null | gzip -1 > "$out")
}

# --- 5. boot ------------------------------------------------------------------------------------------------------
ACCEL=tcg
if [ -e /dev/kvm ]; then
  # A nested KVM here could not boot this kernel on one machine we tried: probe briefly, fall back to TCG.
  if timeout 20 qemu-system-x86_64 -accel kvm -m 256 -nographic -no-reboot -nic none -kernel "$KERNEL" \
      -append "console=ttyS0 panic=-1 rdinit=/nonexistent" 2>/dev/null | grep -q 'Linux version'; then
    ACCEL=kvm
  fi
fi
if [ -z "$SCENARIOS" ]; then
  SCENARIOS=$("$JDK17/bin/java" -cp "$HERE/target/lib/*:$HERE/target/time-drills.jar" io.obstime.drills.Drill \
    --list $([ "$MODE" = quick ] && echo quick) | cut -f1 | paste -sd, -)
fi
COUNT=$(echo "$SCENARIOS" | tr ',' '\n' | grep -c .)
# A scenario takes LEAD + 3 s + JVM start, warm-up and judging (10-40 s under TCG); chronyd's about a minute more.
TIMEOUT=$(( 240 + COUNT * (LEAD + 45) ))
echo "$SCENARIOS" | grep -q chrony && TIMEOUT=$(( TIMEOUT + 120 ))
say "mode $MODE, accel $ACCEL, JDKs $JDKS, lead ${LEAD}s, $COUNT scenarios per boot, boot timeout ${TIMEOUT}s: $SCENARIOS"

pids=()
for n in $(echo "$JDKS" | tr ',' ' '); do
  img=$(image_for "$n") || { say "JDK $n: no image, skipped"; echo "jdk$n MISSING" >> "$RESULTS/summary.txt"; continue; }
  say "initramfs for JDK $n"
  build_initramfs "$n" "$img" "$WORK/initrd-jdk$n.gz"
  say "booting the JDK $n guest ($(du -h "$WORK/initrd-jdk$n.gz" | cut -f1) initramfs)"
  (
    start=$(date +%s)
    timeout "$TIMEOUT" qemu-system-x86_64 -accel "$ACCEL" -smp 1 -m 2048 -nographic -no-reboot -nic none \
      -kernel "$KERNEL" -initrd "$WORK/initrd-jdk$n.gz" \
      -append "console=ttyS0 quiet loglevel=4 panic=-1 obstime.drill.guest=1 obstime.drill.jdk=$n obstime.drill.lead=$LEAD obstime.drill.scenarios=$SCENARIOS" \
      </dev/null > "$RESULTS/console-jdk$n.log" 2>&1
    echo "qemu exit $? after $(( $(date +%s) - start )) s" >> "$RESULTS/console-jdk$n.log"
  ) &
  pids+=($!)
  if [ -z "$PARALLEL" ]; then
    wait "$!" || true
    say "JDK $n guest done: $(tail -1 "$RESULTS/console-jdk$n.log")"
  fi
done
for p in "${pids[@]}"; do wait "$p" || true; done
say "guests done"

# --- 6. split the consoles, judge, summarise ------------------------------------------------------------------------
status=0
{
  printf '%-26s %-6s %-5s %-10s %-10s %-9s %-9s %-9s %-10s %-10s %s\n' scenario jdk result 'max|dTAI|' 'TAI back' \
    'unexpl.' 'skip@evt' 'skip all' 'late p99' 'late max' 'offset / kernel tai / source'
  for n in $(echo "$JDKS" | tr ',' ' '); do
    console=$RESULTS/console-jdk$n.log
    for s in $(echo "$SCENARIOS" | tr ',' ' '); do
      log=$RESULTS/$s-jdk$n.log
      if [ -f "$console" ]; then
        tr -d '\r' < "$console" | awk -v b="=== DRILL-BEGIN $s jdk$n " -v e="=== DRILL-END $s jdk$n " \
          'index($0,b)==1{on=1} on{print} index($0,e)==1{on=0}' > "$log"
      else
        : > "$log"
      fi
      result=$(grep -a "^DRILL RESULT $s jdk$n " "$log" | tail -1 || true)
      if ! grep -aq "=== DRILL-END $s jdk$n rc=" "$log" || [ -z "$result" ]; then
        printf '%-26s %-6s %-5s %s\n' "$s" "jdk$n" "FAIL" "did not complete (see $(basename "$log") / console-jdk$n.log)"
        status=1
        continue
      fi
      verdict=$(echo "$result" | awk '{print $5}')
      [ "$verdict" = PASS ] || status=1
      field() { echo "$result" | grep -o "$1=[^ ]*" | cut -d= -f2; }
      printf '%-26s %-6s %-5s %-10s %-10s %-9s %-9s %-9s %-10s %-10s %s\n' "$s" "jdk$n" "$verdict" \
        "$(field tai_max_abs_delta)" "$(field tai_max_backward)" "$(field unexplained_skip)" "$(field skipped_at_event)" \
        "$(field skipped_total)" \
        "$(field late_p99)" "$(field late_max)" "$(field offset) / $(field kernel_tai) / $(field source)"
      grep -a "^DRILL CHECK $s jdk$n .* FAIL " "$log" | sed 's/^DRILL CHECK /    FAIL: /' | cut -c1-400 || true
      grep -a "^=== JVM CRASHED" "$log" | sed 's/^/    /' || true
    done
  done
  grep -ah "CHRONY FINDING" "$RESULTS"/chrony-*.log 2>/dev/null | sort -u | sed 's/^/  /' || true
} > "$RESULTS/verdicts.txt" # not a pipe: a pipeline's block runs in a subshell, whose status=1 would be lost
cat "$RESULTS/verdicts.txt" >> "$RESULTS/summary.txt"
cat "$RESULTS/verdicts.txt"
say "wall time $(( $(date +%s) - T0 )) s ($MODE); results in $RESULTS"
exit $status
