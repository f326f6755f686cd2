package io.obstime.clock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading a data file as text, so that a binary file is named by its line and column, not a bare decoding error. */
final class TextFiles {

    private TextFiles() {
    }

    /** A file that is not text in the charset expected: the first bad byte's line, column and value. */
    static final class NotText extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        NotText(int line, int column, int value, Charset charset) {
            super(String.format(Locale.ROOT, "byte 0x%02x at column %d is not %s text (a binary or compressed file?)",
                    value, column, charset.name()), null, false, false);
            this.line = line;
        }
    }

    /**
     * @param file    the file
     * @param charset the charset its text must be in
     * @return the whole text
     * @throws NotText     naming the first byte that does not decode, with its 1-based line and column
     * @throws IOException if the file cannot be read
     */
    static String read(Path file, Charset charset) throws NotText, IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new NotText(line, bad - lineStart + 1, bytes[bad] & 0xff, charset);
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
