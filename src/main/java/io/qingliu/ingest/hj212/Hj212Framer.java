package io.qingliu.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts an HJ 212 TCP byte stream into frames, one framer per connection, fed chunks as they arrive. A frame is
 * {@code ##} + 4 decimal digits N + N data bytes + 4 CRC characters + CR LF; it is framed by that header, never by
 * looking for CR LF alone (a CR LF inside a data segment does not end it). The CRC is not checked here, only handed on.
 *
 * <p>Bounded: it holds at most {@link #maxFrameBytes()} bytes, and only ever the start of a possible frame; everything
 * else is discarded as soon as it is seen. Discarded bytes are reported as one {@link Hj212Error#GARBAGE} result per run
 * (a run that spans several chunks is reported once per {@code feed} call, so callers can sum the counts). A bad length,
 * an over-long declared frame or a missing CR LF is reported, then the framer resyncs at the next {@code ##} after the
 * rejected one's first byte: the rejected candidate's bytes are rescanned, because with a wrong length they may well
 * hold the next good frame, and whatever is not a frame there is reported as garbage.
 *
 * <p>Not thread-safe: confine it to the connection's event loop.
 */
public final class Hj212Framer {

  /** What {@link #feed} found, in stream order. */
  public sealed interface Result permits Frame, Error {}

  /**
   * A frame whose header and terminator hold.
   *
   * @param segment the data segment, a copy the caller owns
   * @param crcHex the 4 CRC characters as sent (unchecked: see {@link Hj212Crc#check})
   */
  public record Frame(byte[] segment, String crcHex) implements Result {}

  /**
   * Bytes that did not frame.
   *
   * @param bytes for {@link Hj212Error#GARBAGE} the bytes discarded; 0 for the others, whose bytes are rescanned
   */
  public record Error(Hj212Error reason, String detail, int bytes) implements Result {}

  /** "##" + 4 digits. */
  private static final int HEADER = 6;
  /** The smallest frame: header, empty segment, 4 CRC characters, CR LF. */
  public static final int MIN_FRAME = HEADER + 4 + 2;

  private final int maxFrameBytes;
  private byte[] buf = new byte[0];
  /** Bytes held; buf[0..len) is always a possible frame start: empty, "#", or "##…" of an incomplete frame. */
  private int len;
  /** Bytes discarded in the current run of garbage, not yet reported. */
  private long garbage;

  /**
   * @param maxFrameBytes the largest whole frame accepted ({@code 12 + 9999} admits every legal length); values below
   *     {@value #MIN_FRAME}, the smallest frame, are raised to it
   */
  public Hj212Framer(int maxFrameBytes) {
    this.maxFrameBytes = Math.max(MIN_FRAME, maxFrameBytes);
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Bytes held for a frame not yet complete; never more than {@link #maxFrameBytes()}. */
  public int buffered() {
    return len;
  }

  /** Whether a {@code ##} header has been seen and its frame is still incomplete (for a stall timeout). */
  public boolean midFrame() {
    return len >= 2;
  }

  public List<Result> feed(byte[] chunk) {
    return feed(chunk, 0, chunk.length);
  }

  /** Takes the next bytes of the stream; answers the frames and errors they complete, in stream order. */
  public List<Result> feed(byte[] chunk, int off, int count) {
    Objects.checkFromIndexSize(off, count, chunk.length);
    List<Result> out = new ArrayList<>(2);
    int i = off;
    int end = off + count;
    while (i < end) {
      // Never take more than fits the bound: drain() then leaves at most an incomplete frame behind.
      int take = Math.min(end - i, maxFrameBytes - len);
      if (len + take > buf.length) {
        buf = Arrays.copyOf(buf, Math.min(maxFrameBytes, Math.max(len + take, Math.max(256, buf.length * 2))));
      }
      System.arraycopy(chunk, i, buf, len, take);
      len += take;
      i += take;
      drain(out);
    }
    reportGarbage(out);
    return out;
  }

  /** Emits every complete frame or error at the front of buf, discards garbage, keeps an incomplete frame. */
  private void drain(List<Result> out) {
    int p = 0;
    while (true) {
      int s = findStart(p);
      garbage += s - p;
      p = s;
      if (len - p < 2) {
        break;   // nothing, or a lone '#' at the end that may become "##"
      }
      int declared = 0;
      int digits = Math.min(4, len - p - 2);
      int bad = -1;
      for (int k = 0; k < digits; k++) {
        byte c = buf[p + 2 + k];
        if (c < '0' || c > '9') {
          bad = k;
          break;
        }
        declared = declared * 10 + (c - '0');
      }
      if (bad >= 0) {
        // Refused as soon as a non-digit shows, so junk after "##" does not wait for a stall timeout.
        reject(out, Hj212Error.BAD_LENGTH, "length field '" + printable(p + 2, bad + 1)
            + "' is not 4 decimal digits");
        p = skipFirstByte(p);
        continue;
      }
      if (digits < 4) {
        break;   // header incomplete
      }
      int total = HEADER + declared + 4 + 2;
      if (total > maxFrameBytes) {
        reject(out, Hj212Error.TOO_LONG, "declared " + declared + " data bytes, a " + total
            + "-byte frame; the limit is " + maxFrameBytes);
        p = skipFirstByte(p);
        continue;
      }
      if (len - p < total) {
        break;   // wait for the rest of the frame
      }
      int t = p + total - 2;
      if (buf[t] != '\r' || buf[t + 1] != '\n') {
        reject(out, Hj212Error.BAD_TERMINATOR, "declared " + declared + " data bytes, but the frame's last two bytes"
            + " are '" + printable(t, 2) + "', not CR LF");
        p = skipFirstByte(p);
        continue;
      }
      reportGarbage(out);
      byte[] segment = Arrays.copyOfRange(buf, p + HEADER, p + HEADER + declared);
      String crc = new String(buf, p + HEADER + declared, 4, StandardCharsets.ISO_8859_1);
      out.add(new Frame(segment, crc));
      p += total;
    }
    System.arraycopy(buf, p, buf, 0, len - p);
    len -= p;
  }

  /** The first index from p where "##" starts, or where a '#' is the last byte held; len when there is none. */
  private int findStart(int p) {
    for (int k = p; k < len; k++) {
      if (buf[k] == '#' && (k + 1 == len || buf[k + 1] == '#')) {
        return k;
      }
    }
    return len;
  }

  /** After a rejected candidate: its first '#' is garbage, and the search for "##" resumes right behind it. */
  private int skipFirstByte(int p) {
    garbage++;
    return p + 1;
  }

  private void reject(List<Result> out, Hj212Error reason, String detail) {
    reportGarbage(out);
    out.add(new Error(reason, detail, 0));
  }

  private void reportGarbage(List<Result> out) {
    if (garbage > 0) {
      int n = (int) Math.min(Integer.MAX_VALUE, garbage);
      out.add(new Error(Hj212Error.GARBAGE, n + " bytes before a ## header discarded", n));
      garbage = 0;
    }
  }

  /** Device bytes for a detail: printable ASCII as is, anything else as \xNN. */
  private String printable(int from, int count) {
    StringBuilder b = new StringBuilder();
    for (int k = from; k < from + count; k++) {
      int c = buf[k] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
        b.append((char) c);
      } else {
        b.append(String.format("\\x%02X", c));
      }
    }
    return b.toString();
  }
}
