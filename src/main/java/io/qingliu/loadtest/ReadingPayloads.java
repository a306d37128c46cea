package io.qingliu.loadtest;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Builds reading payloads as in docs/api.md: {@code {"ts":ISO,"values":{ph,do,nh3n,codmn,tp,temp}}}. The values are a
 * deterministic function of (station, ts), so a reading sent again after a reconnect is byte-identical; they stay
 * inside GB 3838 class II for rivers (class III for the lake rows of TP) and far below every outfall permit, so normal
 * readings never raise an alert nor flip a station's class. A high reading carries nh3n = 5.0 (worse than class V).
 *
 * <p>One instance per event loop: it reuses its builder and caches the date-time text of the current second.
 */
final class ReadingPayloads {

  /** What an alert burst sends as ammonia nitrogen, mg/L: worse than class V (2.0) and above every demo permit. */
  static final String HIGH_NH3N = "5.0";

  private final StringBuilder sb = new StringBuilder(160);
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedPrefix;

  Buffer reading(Identity station, long ts, boolean high) {
    return readings(station, ts, 1, high);
  }

  /** One reading, or a JSON array of {@code count} readings 1 ms apart from {@code ts}. */
  Buffer readings(Identity station, long ts, int count, boolean high) {
    sb.setLength(0);
    if (count == 1) {
      appendReading(station, ts, high, false);
    } else {
      sb.append('[');
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendReading(station, ts + i, high, false);
      }
      sb.append(']');
    }
    return Buffer.buffer(sb.toString());
  }

  /** Appends one reading with its {@code "station"} (for HTTP batches written by an integrator). */
  void appendTo(StringBuilder out, Identity station, long ts, boolean withStation) {
    sb.setLength(0);
    appendReading(station, ts, false, withStation);
    out.append(sb);
  }

  private void appendReading(Identity station, long ts, boolean high, boolean withStation) {
    long h = mix(station.index * 0x9E3779B97F4A7C15L + ts);
    sb.append('{');
    if (withStation) {
      sb.append("\"station\":\"").append(station.id).append("\",");
    }
    sb.append("\"ts\":\"");
    appendIso(ts);
    sb.append("\",\"values\":{\"ph\":");
    fixed(700 + bits(h, 0, 100), 2);                 // 7.00-7.99
    sb.append(",\"do\":");
    fixed(650 + bits(h, 7, 90), 2);                  // 6.50-7.39 (class II: 6 <= do < 7.5)
    sb.append(",\"nh3n\":");
    if (high) {
      sb.append(HIGH_NH3N);
    } else {
      fixed(20 + bits(h, 14, 25), 2);                // 0.20-0.44 (class II: 0.15 < nh3n <= 0.5)
    }
    sb.append(",\"codmn\":");
    fixed(210 + bits(h, 21, 160), 2);                // 2.10-3.69 (class II: 2 < codmn <= 4)
    sb.append(",\"tp\":");
    fixed(30 + bits(h, 29, 15), 3);                  // 0.030-0.044 (river II, lake III)
    sb.append(",\"temp\":");
    fixed(120 + bits(h, 36, 100), 1);                // 12.0-21.9 °C
    sb.append("}}");
  }

  private void appendIso(long ts) {
    long second = Math.floorDiv(ts, 1000L);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
      if (cachedPrefix.length() == 16) {
        cachedPrefix += ":00"; // LocalDateTime omits zero seconds
      }
    }
    int ms = (int) Math.floorMod(ts, 1000L);
    sb.append(cachedPrefix).append('.');
    if (ms < 100) {
      sb.append('0');
    }
    if (ms < 10) {
      sb.append('0');
    }
    sb.append(ms).append('Z');
  }

  /** Appends {@code value / 10^decimals} with exactly {@code decimals} digits. */
  private void fixed(int value, int decimals) {
    int scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
    sb.append(value / scale).append('.');
    int frac = value % scale;
    for (int s = scale / 10; s > 1 && frac < s; s /= 10) {
      sb.append('0');
    }
    sb.append(frac);
  }

  private static int bits(long h, int shift, int range) {
    return (int) (((h >>> shift) & 0x7F_FFFFL) % range);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
