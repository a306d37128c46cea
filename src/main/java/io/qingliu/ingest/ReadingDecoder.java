package io.qingliu.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decodes readings ({@code {"station"?,"ts","values":{…},"flags"?:{…}}}, an array of them, or, for HTTP, NDJSON)
 * straight from the bytes with a streaming parser: no tree per message. Whatever is wrong is reported item by item,
 * and everything right around it is kept: a bad value drops that value, a bad timestamp drops that reading, broken
 * JSON drops the rest of the payload but not the readings already read. Which station may write which reading is
 * the caller's decision; the decoder only reads the claim.
 */
public final class ReadingDecoder {

  /**
   * What a payload decoded to.
   *
   * @param items for each reading, its index in the payload (what per-item answers refer to)
   */
  public record Decoded(List<Reading> readings, List<Integer> items, List<Reject> rejects) {}

  private static final JsonFactory JSON = JsonFactory.builder()
      // NaN and Infinity parse as numbers so they can be refused by name rather than as broken JSON.
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      // Parses numbers from the parser's own buffer; the default builds a String per value for Double.parseDouble,
      // the largest single cost of decoding a reading in the profile.
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();
  /** HJ 212 Table 8 flags and the provinces' additions: one or two letters or digits. */
  private static final Pattern FLAG = Pattern.compile("[A-Za-z0-9]{1,2}");

  private final TimeWindow window;

  public ReadingDecoder(TimeWindow window) {
    this.window = window;
  }

  /** Decodes one JSON value (an object or an array of objects); readings without a station belong to {@code station}. */
  public Decoded decode(String station, byte[] payload) {
    return decode(station, payload, false);
  }

  /**
   * @param sequence accept several root values one after the other (NDJSON)
   */
  public Decoded decode(String station, byte[] payload, boolean sequence) {
    Batch b = new Batch(station);
    try (JsonParser p = JSON.createParser(payload)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        b.rejects.add(new Reject(RejectReason.MALFORMED_JSON, "", "empty payload"));
      }
      while (t != null) {
        if (t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            b.item(p, t);
          }
        } else if (t == JsonToken.START_OBJECT) {
          b.reading(p);
        } else {
          b.rejects.add(new Reject(RejectReason.MALFORMED_JSON, "", "expected a JSON object or array, found " + t));
          break;
        }
        t = p.nextToken();
        if (t != null && !sequence) {
          b.rejects.add(new Reject(RejectReason.MALFORMED_JSON, "", "trailing content after the JSON value"));
          break;
        }
      }
    } catch (IOException e) {
      b.rejects.add(new Reject(RejectReason.MALFORMED_JSON, b.index, b.where(), Reject.firstLine(e.getMessage())));
    }
    return new Decoded(b.readings, b.items, b.rejects);
  }

  /** The state of one payload's decoding. */
  private final class Batch {
    final String defaultStation;
    final List<Reading> readings = new ArrayList<>();
    final List<Integer> items = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();
    int next;
    int index = -1;

    Batch(String defaultStation) {
      this.defaultStation = defaultStation;
    }

    void item(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.START_OBJECT) {
        index = next++;
        rejects.add(new Reject(RejectReason.MALFORMED_JSON, index, where(), "expected a reading object, found " + t));
        p.skipChildren();
        return;
      }
      reading(p);
    }

    void reading(JsonParser p) throws IOException {
      index = next++;
      String station = defaultStation;
      long ts = Long.MIN_VALUE;
      Reject tsProblem = null;
      double[] values = Reading.emptyValues();
      String[] flags = null;
      int count = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "ts" -> {
            TimeWindow.Read read = window.read(p, t, index, "ts");
            ts = read.ts();
            tsProblem = read.problem();
          }
          case "station" -> {
            if (t == JsonToken.VALUE_STRING) {
              station = p.getText();
            } else {
              rejects.add(reject(RejectReason.MALFORMED_JSON, "station", "station must be a string"));
              p.skipChildren();
            }
          }
          case "values" -> {
            if (t == JsonToken.START_OBJECT) {
              count += values(p, values);
            } else {
              rejects.add(reject(RejectReason.MALFORMED_JSON, "values", "values must be an object"));
              p.skipChildren();
            }
          }
          case "flags" -> {
            if (t == JsonToken.START_OBJECT) {
              flags = flags(p);
            } else {
              rejects.add(reject(RejectReason.MALFORMED_JSON, "flags", "flags must be an object"));
              p.skipChildren();
            }
          }
          default -> {
            rejects.add(reject(RejectReason.UNKNOWN_PARAMETER, field, "unknown field, ignored"));
            p.skipChildren();
          }
        }
      }
      if (ts == Long.MIN_VALUE && tsProblem == null) {
        tsProblem = reject(RejectReason.MISSING_TS, "ts", "a reading needs its measurement time");
      }
      if (tsProblem != null) {
        rejects.add(tsProblem);
      } else if (station == null) {
        rejects.add(reject(RejectReason.MISSING_STATION, "station", "say which station the reading is from"));
      } else if (count == 0) {
        rejects.add(reject(RejectReason.NO_VALUES, "values", "no valid value in the reading"));
      } else {
        readings.add(new Reading(station, ts, values, flags));
        items.add(index);
      }
    }

    private int values(JsonParser p, double[] values) throws IOException {
      int count = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        Parameter param = Parameter.byKey(key);
        if (param == null) {
          rejects.add(reject(RejectReason.UNKNOWN_PARAMETER, "values." + key,
              "not a known parameter short name or HJ 212 code"));
          p.skipChildren();
        } else if (t == JsonToken.VALUE_NULL) {
          continue;
        } else if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          rejects.add(reject(RejectReason.NOT_A_NUMBER, "values." + key, "expected a number, found " + t));
          p.skipChildren();
        } else {
          double v = p.getDoubleValue();
          if (Double.isNaN(v) || Double.isInfinite(v)) {
            rejects.add(reject(RejectReason.NOT_A_NUMBER, "values." + key, v + " is not a measurement"));
          } else {
            values[param.ordinal()] = v;
            count++;
          }
        }
      }
      return count;
    }

    private String[] flags(JsonParser p) throws IOException {
      String[] flags = new String[Parameter.COUNT];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        Parameter param = Parameter.byKey(key);
        String flag = t == JsonToken.VALUE_STRING ? p.getText() : null;
        if (param == null || flag == null || !FLAG.matcher(flag).matches()) {
          rejects.add(reject(RejectReason.UNKNOWN_FLAG, "flags." + key,
              "a flag is a known parameter mapped to an HJ 212 data flag such as \"M\""));
          p.skipChildren();
        } else {
          flags[param.ordinal()] = flag.toUpperCase(Locale.ROOT);
        }
      }
      return flags;
    }

    /** The path of the reading being read, "" before the first. */
    String where() {
      return index < 0 ? "" : "[" + index + "]";
    }

    private Reject reject(RejectReason reason, String field, String detail) {
      return new Reject(reason, index, Reject.path(index, field), detail);
    }
  }
}
