#!/bin/sh
# The chronyd drill's action, in the guest only (run by io.obstime.drills.Drill at the event): does Debian 12's
# chronyd (4.3) set the kernel's TAI offset from `leapsectz right/UTC` with `leapsecmode system`, without a network?
#   1. `local stratum 10` alone, chronyd running for 12 s;
#   2. `chronyd -q` with the same configuration (6 s timeout);
#   3. a local SHM reference clock (refclock SHM 0) fed once every 0.25 s by the drill helper with the guest's own
#      clock (offset 0): chronyd synchronises to it and, if it sets the offset at all, does so then.
# Prints "CHRONY FINDING ..." for each. chronyd and the feeder of step 3 stay running (pid files in /tmp/chrony,
# stopped by /init after the scenario); their output goes to files so that the drill's pipe closes.
H=/drill/drill-helper
D=/tmp/chrony
mkdir -p $D
tai() { $H status | sed -n 's/.* tai=\([-0-9]*\) .*/\1/p'; }
common="leapsectz right/UTC
leapsecmode system
driftfile $D/drift
port 0
cmdport 0"
printf '%s\nlocal stratum 10\npidfile %s/local.pid\n' "$common" $D > $D/local.conf
printf '%s\npidfile %s/shm.pid\nrefclock SHM 0 refid DRIL poll 0 dpoll 0 filter 1 precision 1e-6\n' "$common" $D > $D/shm.conf

echo "chronyd: $(chronyd -v 2>&1)"
echo "kernel tai before: $(tai)"

chronyd -d -u root -f $D/local.conf > $D/local.log 2>&1 &
sleep 12
echo "CHRONY FINDING local-only (12 s, no source): kernel tai=$(tai)"
kill "$(cat $D/local.pid 2>/dev/null)" 2>/dev/null
sleep 1
sed 's/^/  chronyd(local): /' $D/local.log | head -20

timeout 15 chronyd -q -t 6 -u root -f $D/local.conf > $D/q.log 2>&1
echo "CHRONY FINDING chronyd -q (local only, 6 s): exit=$? kernel tai=$(tai)"
sed 's/^/  chronyd(-q): /' $D/q.log | head -10

$H shm-feed 0 120 > $D/feed.log 2>&1 &
echo $! > $D/feed.pid
chronyd -d -u root -f $D/shm.conf > $D/shm.log 2>&1 &
i=0
while [ $i -lt 40 ]; do
  t=$(tai)
  [ "$t" != 0 ] && break
  sleep 1
  i=$((i + 1))
done
echo "CHRONY FINDING shm-refclock (offset-0 local reference): kernel tai=$(tai) after about $i s"
sed 's/^/  chronyd(shm): /' $D/shm.log | head -20
$H status
