package io.obstime.monitor.internal.cli;

import io.obstime.monitor.ClockReference;

import java.nio.file.Path;

/**
 * How the command-line check builds its references: one factory method per option. The NTP, chrony and PHC references
 * are built on other branches; until they are merged these throw {@link UnsupportedOperationException}, which the
 * command line reports as UNKNOWN (exit 3) naming the option.
 */
final class CliReferences implements MonitorCli.References {

    static final CliReferences INSTANCE = new CliReferences();

    private CliReferences() {
    }

    @Override
    public ClockReference ntp(String host, int port) {
        // MERGE: replace with NtpReference.of(host, port)
        throw new UnsupportedOperationException("the NTP reference (--ntp) is not built on this branch");
    }

    @Override
    public ClockReference chrony(String host, int port) {
        // MERGE: replace with ChronyReference.udp(host, port)
        throw new UnsupportedOperationException("the chrony reference (--chrony) is not built on this branch");
    }

    @Override
    public ClockReference phc(Path device) {
        // MERGE: replace with PhcReference.of(device)
        throw new UnsupportedOperationException("the PTP hardware clock reference (--phc) is not built on this branch");
    }
}
