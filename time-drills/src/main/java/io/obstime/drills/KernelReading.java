package io.obstime.drills;

import io.obstime.clock.LeapState;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's own state as the drill helper printed it ({@code HELPER after=... state=1 state_name=TIME_INS
 * status=0x2011 tai=37 ... realtime_ns=... clock_tai_ns=... monotonic_ns=...}): the independent reading that obstime's
 * {@code status()} is judged against.
 *
 * @param state        adjtimex's return value (TIME_OK 0 ... TIME_ERROR 5)
 * @param status       the status bits
 * @param tai          the kernel's TAI offset, s
 * @param realtimeNanos CLOCK_REALTIME at the reading
 * @param clockTaiNanos CLOCK_TAI at the reading
 * @param monotonicNanos CLOCK_MONOTONIC at the reading
 */
record KernelReading(int state, int status, int tai, long realtimeNanos, long clockTaiNanos, long monotonicNanos) {

    static final int TIME_OK = 0;
    static final int TIME_INS = 1;
    static final int TIME_DEL = 2;
    static final int TIME_OOP = 3;
    static final int TIME_WAIT = 4;
    static final int TIME_ERROR = 5;
    static final int STA_INS = 0x10;
    static final int STA_DEL = 0x20;
    static final int STA_UNSYNC = 0x40;

    /**
     * @param line a {@code HELPER ...} line
     * @return the reading
     * @throws IllegalArgumentException if a field is missing
     */
    static KernelReading parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String token : line.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        try {
            return new KernelReading(Integer.parseInt(fields.get("state")),
                    Integer.parseInt(fields.get("status").replace("0x", ""), 16), Integer.parseInt(fields.get("tai")),
                    Long.parseLong(fields.get("realtime_ns")), Long.parseLong(fields.get("clock_tai_ns")),
                    Long.parseLong(fields.get("monotonic_ns")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a complete helper status line: " + line, e);
        }
    }

    /**
     * The leap state obstime should report for this kernel reading, by {@link LeapState}'s documented mapping:
     * TIME_INS → INSERT_PENDING, TIME_DEL → DELETE_PENDING, TIME_OOP → IN_PROGRESS, TIME_WAIT → OCCURRED, TIME_OK →
     * NONE, TIME_ERROR (unsynchronised) → by the STA_INS / STA_DEL bits, else NONE.
     *
     * @return the expected state
     */
    LeapState expectedLeapState() {
        switch (state) {
            case TIME_INS:
                return LeapState.INSERT_PENDING;
            case TIME_DEL:
                return LeapState.DELETE_PENDING;
            case TIME_OOP:
                return LeapState.IN_PROGRESS;
            case TIME_WAIT:
                return LeapState.OCCURRED;
            case TIME_ERROR:
                return (status & STA_INS) != 0 ? LeapState.INSERT_PENDING
                        : (status & STA_DEL) != 0 ? LeapState.DELETE_PENDING : LeapState.NONE;
            default:
                return LeapState.NONE;
        }
    }

    /** @return "ins", "del" or "none" from the status bits */
    String armed() {
        return (status & STA_INS) != 0 ? "ins" : (status & STA_DEL) != 0 ? "del" : "none";
    }

    boolean synchronised() {
        return (status & STA_UNSYNC) == 0 && state != TIME_ERROR;
    }

    String describe() {
        return "state=" + state + " status=0x" + Integer.toHexString(status) + " tai=" + tai;
    }
}
