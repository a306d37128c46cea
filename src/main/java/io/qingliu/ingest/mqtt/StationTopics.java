package io.qingliu.ingest.mqtt;

/** The topic layout stations publish and subscribe under: {@code qingliu/v1/stations/{stationId}/{kind}}. */
public final class StationTopics {

  public static final String PREFIX = "qingliu/v1/stations/";
  public static final String READINGS = "readings";
  public static final String EEM = "eem";
  public static final String HJ212 = "hj212";
  /** Where a station hears the 9014 answers to its HJ 212 uploads over MQTT. */
  public static final String HJ212_ANSWER = "hj212/answer";
  public static final String ERRORS = "errors";

  private StationTopics() {}

  public static String of(String stationId, String kind) {
    return PREFIX + stationId + "/" + kind;
  }

  /** A station topic taken apart: whose, and which kind of payload it carries. */
  public record Parsed(String stationId, String kind) {}

  /** The station and kind a publish topic names, or null when it is not a station topic Qingliu takes data on. */
  public static Parsed parse(String topic) {
    if (!topic.startsWith(PREFIX)) {
      return null;
    }
    int slash = topic.indexOf('/', PREFIX.length());
    if (slash <= PREFIX.length()) {
      return null;
    }
    String kind = topic.substring(slash + 1);
    return kind.equals(READINGS) || kind.equals(EEM) || kind.equals(HJ212)
        ? new Parsed(topic.substring(PREFIX.length(), slash), kind) : null;
  }
}
