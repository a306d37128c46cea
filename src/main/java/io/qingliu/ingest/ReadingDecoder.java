package io.qingliu.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a readings payload ({@code {"ts":…,"values":{…}}} or an array of them) straight from its bytes with a
 * streaming parser: no tree per message. Whatever is wrong is reported item by item, and everything right around it
 * is kept: a bad value drops that value, a bad timestamp drops that reading, broken JSON drops the rest of the
 * payload but not the readings already read.
 */
public final class ReadingDecoder {

  /** What a payload decoded to. */
  public record Decoded(List<Reading> readings, List<Reject> rejects) {}

  private static final JsonFactory JSON = JsonFactory.builder()
      // NaN and Infinity parse as numbers so they can be refused by name rather than as broken JSON.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .build();

  private final Clock clock;
  private final long maxFutureMillis;
  private final long maxAgeMillis;

  public ReadingDecoder(Clock clock, long maxFutureSeconds, long maxAgeDays) {
    this.clock = clock;
    this.maxFutureMillis = maxFutureSeconds * 1000;
    this.maxAgeMillis = maxAgeDays * 86_400_000L;
  }

  public Decoded decode(String stationId, byte[] payload) {
    List<Reading> readings = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    String where = "";
    try (JsonParser p = JSON.createParser(payload)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        int i = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          where = "[" + i++ + "]";
          if (t != JsonToken.START_OBJECT) {
            rejects.add(new Reject(RejectReason.MALFORMED_JSON, where, "expected a reading object, found " + t));
            p.skipChildren();
            continue;
          }
          reading(p, stationId, where, readings, rejects);
        }
      } else if (t == JsonToken.START_OBJECT) {
        reading(p, stationId, where, readings, rejects);
      } else {
        rejects.add(new Reject(RejectReason.MALFORMED_JSON, "", "expected a JSON object or array, found "
            + (t == null ? "nothing" : t)));
        return new Decoded(readings, rejects);
      }
      if (p.nextToken() != null) {
        rejects.add(new Reject(RejectReason.MALFORMED_JSON, "", "trailing content after the JSON value"));
      }
    } catch (IOException e) {
      rejects.add(new Reject(RejectReason.MALFORMED_JSON, where, firstLine(e.getMessage())));
    }
    return new Decoded(readings, rejects);
  }

  private void reading(JsonParser p, String stationId, String where, List<Reading> out, List<Reject> rejects)
      throws IOException {
    long ts = Long.MIN_VALUE;
    Reject tsProblem = null;
    double[] values = Reading.emptyValues();
    int count = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      t = p.nextToken();
      if ("ts".equals(field)) {
        try {
          ts = timestamp(p, t);
          tsProblem = checkTime(ts, where);
        } catch (DateTimeParseException | IllegalArgumentException e) {
          tsProblem = new Reject(RejectReason.BAD_TS, at(where, "ts"),
              "'" + p.getText() + "' is not an ISO-8601 time with offset nor epoch milliseconds");
        }
      } else if ("values".equals(field)) {
        if (t == JsonToken.START_OBJECT) {
          count += values(p, at(where, "values"), values, rejects);
        } else {
          rejects.add(new Reject(RejectReason.MALFORMED_JSON, at(where, field), "values must be an object"));
          p.skipChildren();
        }
      } else {
        rejects.add(new Reject(RejectReason.UNKNOWN_PARAMETER, at(where, field), "unknown field, ignored"));
        p.skipChildren();
      }
    }
    if (ts == Long.MIN_VALUE && tsProblem == null) {
      tsProblem = new Reject(RejectReason.MISSING_TS, at(where, "ts"), "a reading needs its measurement time");
    }
    if (tsProblem != null) {
      rejects.add(tsProblem);
    } else if (count == 0) {
      rejects.add(new Reject(RejectReason.NO_VALUES, where.isEmpty() ? "values" : at(where, "values"),
          "no valid value in the reading"));
    } else {
      out.add(new Reading(stationId, ts, values));
    }
  }

  private int values(JsonParser p, String where, double[] values, List<Reject> rejects) throws IOException {
    int count = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      Parameter param = Parameter.byKey(key);
      if (param == null) {
        rejects.add(new Reject(RejectReason.UNKNOWN_PARAMETER, at(where, key),
            "not a known parameter short name or HJ 212 code"));
        p.skipChildren();
        continue;
      }
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        rejects.add(new Reject(RejectReason.NOT_A_NUMBER, at(where, key), "expected a number, found " + t));
        p.skipChildren();
        continue;
      }
      double v = p.getDoubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        rejects.add(new Reject(RejectReason.NOT_A_NUMBER, at(where, key), v + " is not a measurement"));
        continue;
      }
      values[param.ordinal()] = v;
      count++;
    }
    return count;
  }

  private static long timestamp(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(p.getText())).toEpochMilli();
    }
    p.skipChildren();
    throw new IllegalArgumentException("not a time");
  }

  private Reject checkTime(long ts, String where) {
    long now = clock.millis();
    if (ts > now + maxFutureMillis) {
      return new Reject(RejectReason.TS_IN_FUTURE, at(where, "ts"), Instant.ofEpochMilli(ts)
          + " is more than " + maxFutureMillis / 1000 + " s ahead of the server clock " + Instant.ofEpochMilli(now));
    }
    if (ts < now - maxAgeMillis) {
      return new Reject(RejectReason.TS_TOO_OLD, at(where, "ts"), Instant.ofEpochMilli(ts)
          + " is older than " + maxAgeMillis / 86_400_000L + " days");
    }
    return null;
  }

  private static String at(String where, String field) {
    return where.isEmpty() ? field : where + "." + field;
  }

  private static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }
}
