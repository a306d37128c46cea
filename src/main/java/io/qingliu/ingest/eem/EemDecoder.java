package io.qingliu.ingest.eem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectReason;
import io.qingliu.ingest.TimeWindow;
import io.qingliu.model.Eem;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes a spectrum in the exchange format of the fingerprint benchmark
 * ({@code {"ts","instrument","units","ex":[…],"em":[…],"intensity":[[…],…]}}, one row per excitation wavelength,
 * {@code null} where scatter was cut) straight into float arrays, and refuses what no instrument produces.
 */
public final class EemDecoder {

  /** The outcome: a spectrum, or the reason there is none. */
  public record Decoded(Eem eem, Reject reject) {}

  /** Wavelengths a fluorometer can scan, nm. */
  static final float MIN_NM = 150;
  static final float MAX_NM = 1100;
  /** An Aqualog at full range is 106 × 500 cells (docs/domain.md); anything far beyond is not a spectrum. */
  public static final int MAX_EX = 512;
  public static final int MAX_EM = 2048;
  public static final int MAX_CELLS = 250_000;

  private static final JsonFactory JSON = new JsonFactory();

  private final TimeWindow window;

  public EemDecoder(TimeWindow window) {
    this.window = window;
  }

  public Decoded decode(String stationId, byte[] payload) {
    long ts = Long.MIN_VALUE;
    float[] ex = null;
    float[] em = null;
    float[][] rows = null;
    String instrument = null;
    String units = "RU";
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return refuse(RejectReason.MALFORMED_JSON, "", "an EEM is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "ts" -> {
            TimeWindow.Read read = window.read(p, t, -1, "ts");
            if (read.problem() != null) {
              return new Decoded(null, read.problem());
            }
            ts = read.ts();
          }
          case "ex" -> ex = wavelengths(p, t, MAX_EX);
          case "em" -> em = wavelengths(p, t, MAX_EM);
          case "intensity" -> rows = rows(p, t);
          case "instrument" -> instrument = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "units" -> units = t == JsonToken.VALUE_STRING ? p.getText() : units;
          default -> p.skipChildren();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return refuse(e instanceof IllegalArgumentException ? RejectReason.NOT_A_NUMBER : RejectReason.MALFORMED_JSON,
          "", Reject.firstLine(e.getMessage()));
    }
    if (ts == Long.MIN_VALUE) {
      return refuse(RejectReason.MISSING_TS, "ts", "a spectrum needs its measurement time");
    }
    if (ex == null || em == null || rows == null) {
      return refuse(RejectReason.MALFORMED_JSON, "", "ex, em and intensity are all required");
    }
    if ((long) ex.length * em.length > MAX_CELLS) {
      return refuse(RejectReason.PAYLOAD_TOO_LARGE, "intensity", ex.length + " × " + em.length + " cells, more than "
          + MAX_CELLS);
    }
    if (rows.length != ex.length) {
      return refuse(RejectReason.MALFORMED_JSON, "intensity", rows.length + " rows for " + ex.length
          + " excitation wavelengths");
    }
    float[] cells = new float[ex.length * em.length];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != em.length) {
        return refuse(RejectReason.MALFORMED_JSON, "intensity[" + i + "]", rows[i].length + " values for "
            + em.length + " emission wavelengths");
      }
      System.arraycopy(rows[i], 0, cells, i * em.length, em.length);
    }
    return new Decoded(new Eem(stationId, ts, ex, em, cells, instrument, units), null);
  }

  private static float[] wavelengths(JsonParser p, JsonToken t, int max) throws IOException {
    float[] w = numbers(p, t, max, false);
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= MIN_NM && w[i] <= MAX_NM) || (i > 0 && w[i] <= w[i - 1])) {
        throw new IllegalArgumentException("wavelengths must rise strictly within " + MIN_NM + "–" + MAX_NM
            + " nm, got " + w[i] + " at " + i);
      }
    }
    if (w.length < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 wavelengths per axis");
    }
    return w;
  }

  private static float[][] rows(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("intensity must be an array of rows");
    }
    float[][] rows = new float[8][];
    int n = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (n == MAX_EX) {
        throw new IllegalArgumentException("more than " + MAX_EX + " intensity rows");
      }
      rows = n == rows.length ? Arrays.copyOf(rows, n * 2) : rows;
      rows[n++] = numbers(p, t, MAX_EM, true);
    }
    return Arrays.copyOf(rows, n);
  }

  /** A JSON array of numbers (null allowed as NaN when {@code nulls}), at most {@code max} long. */
  private static float[] numbers(JsonParser p, JsonToken t, int max, boolean nulls) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("expected an array of numbers, found " + t);
    }
    float[] out = new float[64];
    int n = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (n == max) {
        throw new IllegalArgumentException("more than " + max + " values in one array");
      }
      float v;
      if (t == JsonToken.VALUE_NULL && nulls) {
        v = Float.NaN;
      } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        v = p.getFloatValue();
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(p.getText() + " is not a measurement");
        }
      } else {
        throw new IllegalArgumentException("expected a number, found " + t);
      }
      out = n == out.length ? Arrays.copyOf(out, n * 2) : out;
      out[n++] = v;
    }
    return Arrays.copyOf(out, n);
  }

  private static Decoded refuse(RejectReason reason, String where, String detail) {
    return new Decoded(null, new Reject(reason, where, detail));
  }
}
