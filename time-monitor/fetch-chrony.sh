#!/usr/bin/env bash
# Puts Debian's chrony files (chronyd, chronyc) into a cache WITHOUT installing the package: `apt-get download` and
# `dpkg -x`, so no service is started (a service-started chronyd would steer this machine's clock). Prints the
# directory that holds usr/sbin/chronyd and usr/bin/chronyc. Used by the time-monitor tests (the Chronyd fixture runs
# it when no chronyd is found) and by .ci/run to fetch ahead of the tests.
#   OBSTIME_CACHE  cache root, default ~/.cache/obstime (the .deb goes to debs/, the files to chrony/)
set -euo pipefail
CACHE=${OBSTIME_CACHE:-$HOME/.cache/obstime}
DIR=$CACHE/chrony
if [ -x "$DIR/usr/sbin/chronyd" ] && [ -x "$DIR/usr/bin/chronyc" ]; then
  echo "$DIR"
  exit 0
fi
for tool in apt-get dpkg; do
  command -v "$tool" >/dev/null || { echo "fetch-chrony: $tool not found (a Debian or Ubuntu system is needed)" >&2; exit 2; }
done
mkdir -p "$CACHE/debs"
cd "$CACHE/debs"
if ! ls chrony_*.deb >/dev/null 2>&1; then
  # apt-get download needs the package lists; fetch them only when the first attempt fails.
  apt-get download chrony >&2 || { apt-get update -qq >&2 && apt-get download chrony >&2; }
fi
DEB=$(ls chrony_*.deb | sort -V | tail -1)
rm -rf "$DIR.partial"
dpkg -x "$DEB" "$DIR.partial"
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
echo "$DIR"
