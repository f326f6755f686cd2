package io.obstime.drills;

import io.obstime.clock.LeapSecond;
import io.obstime.clock.LeapSecondTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes IETF/IERS {@code leap-seconds.list} files for the drills: the bundled table's entries, optionally one more
 * leap second, a chosen update and expiry date, and the {@code #h} SHA-1 that obstime verifies (over the {@code #$}
 * number, the {@code #@} number and each data line's two numbers, concatenated without whitespace; each of the five
 * 32-bit groups printed in hex without leading zeros, as IERS does).
 */
final class LeapSecondsFile {

    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01. */
    static final long NTP_UNIX_EPOCH_DIFFERENCE_SECONDS = 2_208_988_800L;

    private LeapSecondsFile() {}

    /**
     * @param entries    (UTC start, TAI − UTC from then) pairs in order
     * @param updatedUtc the {@code #$} date
     * @param expiresUtc the {@code #@} date
     * @return the file's text
     */
    static String write(List<LeapSecond> entries, Instant updatedUtc, Instant expiresUtc) {
        long updated = ntpSeconds(updatedUtc);
        long expires = ntpSeconds(expiresUtc);
        StringBuilder hashed = new StringBuilder().append(updated).append(expires);
        StringBuilder text = new StringBuilder();
        text.append("#\tleap-seconds.list written by the obstime drills (io.obstime.drills.LeapSecondsFile)\n");
        text.append("#\tfor a QEMU guest's clock only: NOT the IERS file\n#\n");
        text.append("#$\t").append(updated).append('\n');
        text.append("#@\t").append(expires).append('\n');
        for (LeapSecond entry : entries) {
            long start = ntpSeconds(entry.utcStart());
            hashed.append(start).append(entry.taiMinusUtc());
            LocalDate day = LocalDate.ofInstant(entry.utcStart(), ZoneOffset.UTC);
            text.append(start).append('\t').append(entry.taiMinusUtc()).append("\t# ")
                    .append(day.getDayOfMonth()).append(' ')
                    .append(day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)).append(' ')
                    .append(day.getYear()).append('\n');
        }
        text.append("#h\t").append(sha1Groups(hashed.toString())).append('\n');
        return text.toString();
    }

    /**
     * The bundled table's entries plus, if {@code leapDay} is not null, a leap second at the end of that UTC day.
     *
     * @param leapDay the last day of the leap second, or null for none
     * @param insert  true for an inserted second (TAI − UTC + 1), false for a deleted one (− 1)
     * @return the entries in order
     */
    static List<LeapSecond> bundledEntriesPlus(LocalDate leapDay, boolean insert) {
        List<LeapSecond> entries = new ArrayList<>(LeapSecondTable.bundled().leapSeconds());
        if (leapDay != null) {
            int last = entries.get(entries.size() - 1).taiMinusUtc();
            Instant start = leapDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            entries.add(new LeapSecond(start.getEpochSecond(), insert ? last + 1 : last - 1));
        }
        return entries;
    }

    static long ntpSeconds(Instant utc) {
        return utc.getEpochSecond() + NTP_UNIX_EPOCH_DIFFERENCE_SECONDS;
    }

    /** SHA-1 as IERS prints it: five space-separated 32-bit groups in lower-case hex, leading zeros dropped. */
    static String sha1Groups(String data) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        StringBuilder out = new StringBuilder();
        for (int group = 0; group < 5; group++) {
            long word = 0;
            for (int b = 0; b < 4; b++) {
                word = (word << 8) | (digest[group * 4 + b] & 0xff);
            }
            if (group > 0) {
                out.append(' ');
            }
            out.append(Long.toHexString(word));
        }
        return out.toString();
    }
}
