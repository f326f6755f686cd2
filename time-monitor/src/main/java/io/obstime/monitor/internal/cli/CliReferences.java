package io.obstime.monitor.internal.cli;

import io.obstime.monitor.ChronyReference;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.NtpReference;
import io.obstime.monitor.PhcReference;

import java.nio.file.Path;

/**
 * How the command-line check builds its references: one factory method per option. Each builds the library's own
 * reference with its defaults.
 */
final class CliReferences implements MonitorCli.References {

    static final CliReferences INSTANCE = new CliReferences();

    private CliReferences() {
    }

    @Override
    public ClockReference ntp(String host, int port) {
        return NtpReference.of(host, port);
    }

    @Override
    public ClockReference chrony(String host, int port) {
        return ChronyReference.udp(host, port);
    }

    @Override
    public ClockReference phc(Path device) {
        return PhcReference.of(device);
    }
}
