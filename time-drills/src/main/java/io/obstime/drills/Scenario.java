package io.obstime.drills;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One drill: how the guest's kernel is set up, what happens at the event, and what obstime must show.
 *
 * @param name             the name on the kernel command line and in the results
 * @param quick            part of the quick set (CI)
 * @param description      one line for the log
 * @param eventUtc         a UTC midnight for a leap second; for an action, when it is made (the guest's clock is set
 *                         to {@code eventUtc − lead} first)
 * @param kernelTai        the kernel's TAI offset set before the drill (37: the kernel path; 0: the table path)
 * @param synced           STA_UNSYNC cleared (adjtimex then reports TIME_INS / TIME_OOP / TIME_WAIT) or left set
 *                         (TIME_ERROR throughout, as on a machine without a time daemon that clears it)
 * @param arm              "ins", "del" or "none": the leap second armed after the clock is set
 * @param table            the leap-second table obstime is given
 * @param action           the command run at {@code eventUtc} ("HELPER" stands for the drill helper's path), or
 *                         empty when the event is the kernel's own leap second at that midnight
 * @param offsetBefore     TAI − UTC obstime must deliver before the event
 * @param offsetAfter      TAI − UTC obstime must deliver after it
 * @param stepNanos        the step of CLOCK_REALTIME (and so of TAI) the action makes; 0 for none
 * @param kernelTaiAfter   the kernel's TAI offset expected after the event (proves the event happened)
 */
record Scenario(String name, boolean quick, String description, Instant eventUtc, int kernelTai, boolean synced,
                String arm, Table table, List<String> action, int offsetBefore, int offsetAfter, long stepNanos,
                int kernelTaiAfter) {

    /** The leap-second table obstime is given, as a file named by {@code -Dobstime.leapSecondsFile}. */
    enum Table {
        /** No file: obstime's bundled IERS table (expires 2027-06-28; no leap after 2017). */
        BUNDLED,
        /** Bundled entries plus the drill's inserted leap second; valid until 2027-12-28. */
        KNOWS_INSERT,
        /** Bundled entries plus the drill's deleted leap second; valid until 2027-12-28. */
        KNOWS_DELETE,
        /** Bundled entries only, valid until 2027-12-28: a valid table that does not know the kernel's leap. */
        STALE_VALID,
        /** Bundled entries only, expired 2027-06-29 (the day before the drill's 2027-06-30 leap day). */
        EXPIRED
    }

    static final Instant NEW_YEAR_2027 = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant JULY_2027 = Instant.parse("2027-07-01T00:00:00Z");
    /** For actions: midday, far from any midnight. */
    static final Instant MIDDAY = Instant.parse("2026-11-15T12:00:00Z");

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    /**
     * The drills of issue #7. chronyd: Debian 12's chrony 4.3 sets the kernel's TAI offset (from {@code leapsectz
     * right/UTC}; {@code leapseclist} is chrony 4.5+) only once it is synchronised to a source: with {@code local
     * stratum} alone it stays unsynchronised and leaves the offset alone, so the drill gives it a local SHM reference
     * clock fed with the guest's own clock (offset 0, no network). chrony-drill.sh probes the {@code local}-only and
     * {@code -q} cases first and prints what the kernel's offset was after each.
     */
    static final List<Scenario> ALL = List.of(
            leap("leap-ins-kernel", true, "inserted leap second, kernel path (kernel TAI offset 37, synchronised)",
                    37, true, "ins", Table.KNOWS_INSERT, 37, 38),
            leap("leap-ins-table", true, "inserted leap second, table path (kernel TAI offset 0, unsynchronised)",
                    0, false, "ins", Table.KNOWS_INSERT, 37, 38),
            leap("leap-del-kernel", false, "deleted leap second, kernel path (kernel TAI offset 37, synchronised)",
                    37, true, "del", Table.KNOWS_DELETE, 37, 36),
            leap("leap-del-table", true, "deleted leap second, table path (kernel TAI offset 0, unsynchronised)",
                    0, false, "del", Table.KNOWS_DELETE, 37, 36),
            leap("leap-ins-stale-table", true, "inserted leap second a valid table does not list, table path",
                    0, false, "ins", Table.STALE_VALID, 37, 38),
            leap("leap-ins-stale-kernel", false, "inserted leap second a valid table does not list, kernel path",
                    37, true, "ins", Table.STALE_VALID, 37, 38),
            leap("leap-ins-expired-table", false, "inserted leap second after the table expired, table path",
                    0, false, "ins", Table.EXPIRED, 37, 38),
            leap("leap-ins-expired-kernel", true, "inserted leap second after the table expired, kernel path",
                    37, true, "ins", Table.EXPIRED, 37, 38),
            action("tai-37-to-0", true, "the kernel's TAI offset reset 37 -> 0 under the running process",
                    37, true, List.of("HELPER", "set-tai", "0", "status"), 0, 0),
            action("tai-37-to-38", false, "the kernel's TAI offset set 37 -> 38 outside a leap second",
                    37, true, List.of("HELPER", "set-tai", "38", "status"), 0, 38),
            action("step-plus-1s", true, "clock stepped +1 s (table path)", 0, false,
                    List.of("HELPER", "step", Long.toString(SECOND), "status"), SECOND, 0),
            action("step-minus-1s", true, "clock stepped -1 s (table path)", 0, false,
                    List.of("HELPER", "step", Long.toString(-SECOND), "status"), -SECOND, 0),
            action("step-plus-1h", false, "clock stepped +1 h (table path)", 0, false,
                    List.of("HELPER", "step", Long.toString(HOUR), "status"), HOUR, 0),
            action("step-minus-1h", false, "clock stepped -1 h (table path)", 0, false,
                    List.of("HELPER", "step", Long.toString(-HOUR), "status"), -HOUR, 0),
            action("chrony-leapsectz", false, "chronyd (leapsectz right/UTC, leapsecmode system, local SHM "
                    + "reference) sets the kernel's TAI offset 0 -> 37 under the running process", 0, false,
                    List.of("sh", "/drill/chrony-drill.sh"), 0, 37));

    private static Scenario leap(String name, boolean quick, String description, int kernelTai, boolean synced,
                                 String arm, Table table, int before, int after) {
        Instant event = table == Table.EXPIRED ? JULY_2027 : NEW_YEAR_2027;
        int kernelAfter = kernelTai + ("ins".equals(arm) ? 1 : -1);
        return new Scenario(name, quick, description, event, kernelTai, synced, arm, table, List.of(), before, after,
                0, kernelAfter);
    }

    private static Scenario action(String name, boolean quick, String description, int kernelTai, boolean synced,
                                   List<String> action, long stepNanos, int kernelTaiAfter) {
        return new Scenario(name, quick, description, MIDDAY, kernelTai, synced, "none", Table.BUNDLED, action, 37,
                37, stepNanos, kernelTaiAfter);
    }

    static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    boolean isLeap() {
        return action.isEmpty();
    }

    /** @return the last day before the leap midnight */
    LocalDate leapDay() {
        return LocalDate.ofEpochDay(Math.floorDiv(eventUtc.getEpochSecond(), 86_400) - 1);
    }
}
