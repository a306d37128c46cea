package io.qingliu.model;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an admin may change on a station while the server runs: how it is named, the GB 3838 class and water body its
 * readings are judged against, and how often it is expected to report. Its place in the network (river, reach,
 * kilometre), its parameters, permit limits and credentials come only from the configuration.
 *
 * <p>The JSON keys are those of a station in the network file, so a stored version reads like the file it overrides.
 *
 * @param targetClass 1..5, or 0 for an outfall, which keeps its permit limits and has no class to edit
 */
public record StationSettings(String name, String nameEn, int targetClass, boolean lake, int intervalSeconds) {

  public static final int MAX_NAME = 100;
  public static final int MIN_INTERVAL_SECONDS = 10;
  public static final int MAX_INTERVAL_SECONDS = 86_400;
  static final List<String> FIELDS = List.of("name", "nameEn", "targetClass", "waterBody", "intervalSeconds");

  public static StationSettings of(Station s) {
    return new StationSettings(s.name(), s.nameEn(), s.targetClass(), s.lake(), s.intervalSeconds());
  }

  /**
   * The settings of {@code current} with the fields {@code changes} names replaced; fields it leaves out keep their
   * value.
   *
   * @throws IllegalArgumentException naming the first field that is unknown, not editable here or out of range
   */
  public static StationSettings merge(Station current, JsonObject changes) {
    for (String field : changes.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown or read-only field " + field + "; editable: " + FIELDS);
      }
    }
    boolean outfall = current.targetClass() == 0;
    if (outfall && (changes.containsKey("targetClass") || changes.containsKey("waterBody"))) {
      throw new IllegalArgumentException(current.id() + " is an outfall held to its permit limits: it has no target "
          + "class or water body");
    }
    String waterBody = text(changes, "waterBody", current.lake() ? "lake" : "river");
    if (!"river".equals(waterBody) && !"lake".equals(waterBody)) {
      throw new IllegalArgumentException("waterBody is river or lake");
    }
    long targetClass = number(changes, "targetClass", current.targetClass());
    if (!outfall && (targetClass < 1 || targetClass > 5)) {
      throw new IllegalArgumentException("targetClass is a GB 3838 class, 1 to 5");
    }
    long interval = number(changes, "intervalSeconds", current.intervalSeconds());
    if (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS) {
      throw new IllegalArgumentException("intervalSeconds is " + MIN_INTERVAL_SECONDS + " to " + MAX_INTERVAL_SECONDS);
    }
    return new StationSettings(name(changes, "name", current.name()), name(changes, "nameEn", current.nameEn()),
        (int) targetClass, "lake".equals(waterBody), (int) interval);
  }

  private static String name(JsonObject changes, String field, String current) {
    String v = text(changes, field, current).strip();
    if (v.isEmpty() || v.length() > MAX_NAME) {
      throw new IllegalArgumentException(field + " is 1 to " + MAX_NAME + " characters");
    }
    return v;
  }

  private static String text(JsonObject changes, String field, String current) {
    Object v = changes.getValue(field, current);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(field + " is a string");
    }
    return s;
  }

  private static long number(JsonObject changes, String field, int current) {
    Object v = changes.getValue(field, current);
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new IllegalArgumentException(field + " is a whole number");
    }
    return ((Number) v).longValue();
  }

  /** {@code station} with these settings. */
  public Station applyTo(Station s) {
    return new Station(s.id(), name, nameEn, s.kind(), s.river(), s.reach(), s.km(), targetClass, lake,
        intervalSeconds, s.secret(), s.parameters(), s.permitLimits(), s.hj212());
  }

  /** In the network file's keys; an outfall has no class or water body. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("nameEn", nameEn);
    if (targetClass > 0) {
      json.put("targetClass", targetClass).put("waterBody", lake ? "lake" : "river");
    }
    return json.put("intervalSeconds", intervalSeconds);
  }
}
