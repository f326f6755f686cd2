package io.obstime.clock;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds leap-seconds.list texts for tests, with a correct #h hash computed here from the IERS definition. */
final class LeapFiles {

    static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final List<String> dataLines = new ArrayList<>();
    private final StringBuilder hashed = new StringBuilder();
    private long updatedNtp = ntp(LocalDate.of(2024, 7, 1));
    private long expiresNtp = ntp(LocalDate.of(2030, 6, 28));

    /** A file with the real history up to 2017-01-01 (37 s), typed from IERS Bulletin C, not read from the table. */
    static LeapFiles realHistory() {
        LeapFiles files = new LeapFiles();
        KnownLeapSeconds.HISTORY.forEach(known -> files.entry(known.from(), known.taiMinusUtc()));
        return files;
    }

    /**
     * A file with the entries, update and expiry dates of {@code table}, for example the bundled one: tests change
     * its expiry to run as if a newer list were installed, whatever today's date and the host's tzdata.
     */
    static LeapFiles copyOf(LeapSecondTable table) {
        LeapFiles files = new LeapFiles();
        files.updatedNtp = table.updated().getEpochSecond() + NTP_UNIX_OFFSET;
        files.expiresNtp = table.expires().getEpochSecond() + NTP_UNIX_OFFSET;
        table.leapSeconds().forEach(leap -> files.rawEntry(leap.utcEpochSecond() + NTP_UNIX_OFFSET,
                leap.taiMinusUtc()));
        return files;
    }

    static long ntp(LocalDate day) {
        return day.toEpochDay() * 86_400 + NTP_UNIX_OFFSET;
    }

    LeapFiles updated(LocalDate day) {
        updatedNtp = ntp(day);
        return this;
    }

    LeapFiles expires(LocalDate day) {
        expiresNtp = ntp(day);
        return this;
    }

    /** A data line for the offset starting at the midnight that begins {@code day}. */
    LeapFiles entry(LocalDate day, int taiMinusUtc) {
        return rawEntry(ntp(day), taiMinusUtc);
    }

    LeapFiles rawEntry(long ntpSeconds, int taiMinusUtc) {
        dataLines.add(ntpSeconds + "\t" + taiMinusUtc + "\t# entry");
        hashed.append(ntpSeconds).append(taiMinusUtc);
        return this;
    }

    /** The text: a comment, #$, #@, a comment, the data lines, #h with the groups unpadded as IERS writes them. */
    String text() {
        String hash = sha1(updatedNtp + "" + expiresNtp + hashed);
        StringBuilder text = new StringBuilder("#\tA test leap-seconds.list\n#\n");
        text.append("#$\t").append(updatedNtp).append('\n');
        text.append("#@\t").append(expiresNtp).append('\n');
        text.append("#NTP Time      DTAI    Day Month Year\n");
        dataLines.forEach(line -> text.append(line).append('\n'));
        text.append("#\n#h\t");
        for (int g = 0; g < 5; g++) {
            String group = hash.substring(g * 8, g * 8 + 8).replaceFirst("^0+(?=.)", "");
            text.append(g == 0 ? "" : " ").append(group);
        }
        return text.append('\n').toString();
    }

    LeapSecondTable parse(String name) throws LeapSecondFileException {
        return LeapSecondTable.parse(name, new StringReader(text()));
    }

    Path write(Path directory, String fileName) throws IOException {
        return Files.writeString(directory.resolve(fileName), text(), StandardCharsets.US_ASCII);
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
