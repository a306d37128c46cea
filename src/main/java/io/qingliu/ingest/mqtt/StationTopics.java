package io.qingliu.ingest.mqtt;

/** The topic layout stations publish and subscribe under: {@code qingliu/v1/stations/{stationId}/{kind}}. */
public final class StationTopics {

  public static final String PREFIX = "qingliu/v1/stations/";
  public static final String READINGS = "readings";
  public static final String ERRORS = "errors";

  private StationTopics() {}

  public static String of(String stationId, String kind) {
    return PREFIX + stationId + "/" + kind;
  }

  /** The station id a topic names, or null when it is not a station topic of the given kind. */
  public static String stationOf(String topic, String kind) {
    if (!topic.startsWith(PREFIX) || !topic.endsWith("/" + kind)) {
      return null;
    }
    String id = topic.substring(PREFIX.length(), topic.length() - kind.length() - 1);
    return id.isEmpty() || id.indexOf('/') >= 0 ? null : id;
  }
}
