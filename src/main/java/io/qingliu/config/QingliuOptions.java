package io.qingliu.config;

import io.qingliu.alerts.AlertOptions;
import io.qingliu.checks.ExceedanceOptions;
import io.qingliu.checks.OfflineWatch;
import io.qingliu.checks.RateOfChangeOptions;
import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything a Qingliu server is started with. Read from a JSON file ({@code config/qingliu.json} documents each key),
 * then overridden by the environment ({@link #applyEnvironment}).
 */
public class QingliuOptions {

  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_MQTT_PORT = 1883;
  public static final String DEFAULT_DATA_DIR = "qingliu-data";
  public static final String DEFAULT_NETWORK = "config/demo-network.json";
  public static final String DEFAULT_STANDARD = "config/standards/gb3838-2002.json";
  /** How often each shard looks for silent stations. */
  public static final long DEFAULT_OFFLINE_SWEEP_MS = 5_000;
  /** Readings stamped further ahead of the server clock than this are refused (a station clock gone wrong). */
  public static final long DEFAULT_MAX_FUTURE_SECONDS = 600;
  /** Readings older than this are refused (backfill beyond it is an import, not ingest). */
  public static final long DEFAULT_MAX_AGE_DAYS = 400;
  /** Largest body of {@code POST /api/v1/readings}: 16 MB holds ~100,000 readings; more is a 413. */
  public static final long DEFAULT_MAX_INGEST_BODY_BYTES = 16L * 1024 * 1024;
  /**
   * Latest stored readings per station fed back through its checks when a shard starts, so a restart neither
   * forgets a running event nor re-learns the baselines from scratch: a day of 1-minute data.
   */
  public static final int DEFAULT_REBUILD_READINGS = 1_440;
  /** Officer sessions end after this much inactivity. */
  public static final long DEFAULT_SESSION_TIMEOUT_MINUTES = 8 * 60;

  private int httpPort = DEFAULT_HTTP_PORT;
  private String dbUrl;
  private String dataDir = DEFAULT_DATA_DIR;
  private String networkFile = DEFAULT_NETWORK;
  private String standardFile = DEFAULT_STANDARD;
  private String webRoot = "webroot";
  private int shards = Math.max(1, Runtime.getRuntime().availableProcessors());
  private double offlineFactor = OfflineWatch.DEFAULT_FACTOR;
  private long offlineSweepMs = DEFAULT_OFFLINE_SWEEP_MS;
  private long maxFutureSeconds = DEFAULT_MAX_FUTURE_SECONDS;
  private long maxAgeDays = DEFAULT_MAX_AGE_DAYS;
  private long sessionTimeoutMinutes = DEFAULT_SESSION_TIMEOUT_MINUTES;
  private long maxIngestBodyBytes = DEFAULT_MAX_INGEST_BODY_BYTES;
  private JsonArray officers = new JsonArray();
  private JsonArray integrators = new JsonArray();
  private ExceedanceOptions exceedance = new ExceedanceOptions();
  private DetectorOptions events;
  private final Map<StationKind, DetectorOptions> eventProfiles = new EnumMap<>(StationKind.class);
  private RateOfChangeOptions rateOfChange;
  private AlertOptions alerts = new AlertOptions();
  private int rebuildReadings = DEFAULT_REBUILD_READINGS;
  private MqttIngestOptions mqtt = new MqttIngestOptions();
  private Hj212Options hj212 = new Hj212Options();
  private WriterOptions writer = new WriterOptions();
  private SimulatorOptions simulator = new SimulatorOptions();

  public QingliuOptions() {}

  public QingliuOptions(JsonObject json) {
    JsonObject http = json.getJsonObject("http", new JsonObject());
    httpPort = http.getInteger("port", DEFAULT_HTTP_PORT);
    webRoot = http.getString("webRoot", webRoot);
    sessionTimeoutMinutes = http.getLong("sessionTimeoutMinutes", DEFAULT_SESSION_TIMEOUT_MINUTES);
    dbUrl = json.getJsonObject("db", new JsonObject()).getString("url");
    dataDir = json.getString("dataDir", DEFAULT_DATA_DIR);
    networkFile = json.getString("network", DEFAULT_NETWORK);
    standardFile = json.getString("standard", DEFAULT_STANDARD);
    shards = json.getInteger("shards", shards);
    JsonObject checks = json.getJsonObject("checks", new JsonObject());
    exceedance = new ExceedanceOptions(checks.getJsonObject("exceedance", new JsonObject()));
    JsonObject eventsJson = checks.getJsonObject("events");
    events = eventsJson == null ? null : new DetectorOptions(eventsJson);
    checks.getJsonObject("eventProfiles", new JsonObject()).forEach(e -> eventProfiles.put(StationKind.of(e.getKey()),
        new DetectorOptions((events == null ? new DetectorOptions() : events).toJson()
            .mergeIn((JsonObject) e.getValue(), true))));
    JsonObject rateJson = checks.getJsonObject("rateOfChange");
    rateOfChange = rateJson == null ? null : new RateOfChangeOptions(rateJson);
    rebuildReadings = checks.getInteger("rebuildReadings", DEFAULT_REBUILD_READINGS);
    alerts = new AlertOptions(json.getJsonObject("alerts", new JsonObject()));
    JsonObject offline = checks.getJsonObject("offline", new JsonObject());
    offlineFactor = offline.getDouble("factor", OfflineWatch.DEFAULT_FACTOR);
    offlineSweepMs = offline.getLong("sweepMs", DEFAULT_OFFLINE_SWEEP_MS);
    JsonObject ingest = json.getJsonObject("ingest", new JsonObject());
    maxFutureSeconds = ingest.getLong("maxFutureSeconds", DEFAULT_MAX_FUTURE_SECONDS);
    maxAgeDays = ingest.getLong("maxAgeDays", DEFAULT_MAX_AGE_DAYS);
    maxIngestBodyBytes = ingest.getLong("maxHttpBodyBytes", DEFAULT_MAX_INGEST_BODY_BYTES);
    mqtt = new MqttIngestOptions(json.getJsonObject("mqtt", new JsonObject()));
    hj212 = new Hj212Options(json.getJsonObject("hj212", new JsonObject()));
    writer = new WriterOptions(json.getJsonObject("writer", new JsonObject()));
    simulator = new SimulatorOptions(json.getJsonObject("simulator", new JsonObject()));
    officers = json.getJsonArray("officers", new JsonArray());
    integrators = json.getJsonArray("integrators", new JsonArray());
  }

  /** QINGLIU_MQTT_PORT, QINGLIU_HJ212_PORT, QINGLIU_HTTP_PORT, QINGLIU_DB_URL and QINGLIU_DATA_DIR win over the file. */
  public QingliuOptions applyEnvironment(Map<String, String> env) {
    if (env.get("QINGLIU_HJ212_PORT") != null) {
      hj212.setPort(port(env, "QINGLIU_HJ212_PORT"));
    }
    if (env.get("QINGLIU_MQTT_PORT") != null) {
      mqtt.setPort(port(env, "QINGLIU_MQTT_PORT"));
    }
    if (env.get("QINGLIU_HTTP_PORT") != null) {
      httpPort = port(env, "QINGLIU_HTTP_PORT");
    }
    if (env.get("QINGLIU_DB_URL") != null && !env.get("QINGLIU_DB_URL").isBlank()) {
      dbUrl = env.get("QINGLIU_DB_URL");
    }
    if (env.get("QINGLIU_DATA_DIR") != null) {
      dataDir = env.get("QINGLIU_DATA_DIR");
    }
    return this;
  }

  private static int port(Map<String, String> env, String name) {
    String value = env.get(name).trim();
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw new ConfigError(name + " must be a port number from 0 to 65535, not '" + value + "'");
  }

  public int getHttpPort() { return httpPort; }
  public QingliuOptions setHttpPort(int httpPort) { this.httpPort = httpPort; return this; }
  /** A {@code postgresql://} URL, or null for the embedded PostgreSQL under {@link #getDataDir()}. */
  public String getDbUrl() { return dbUrl; }
  public QingliuOptions setDbUrl(String dbUrl) { this.dbUrl = dbUrl; return this; }
  public String getDataDir() { return dataDir; }
  public QingliuOptions setDataDir(String dataDir) { this.dataDir = dataDir; return this; }
  public String getNetworkFile() { return networkFile; }
  public QingliuOptions setNetworkFile(String networkFile) { this.networkFile = networkFile; return this; }
  public String getStandardFile() { return standardFile; }
  public String getWebRoot() { return webRoot; }
  /** Station shards, one per event loop: each owns the state of the stations that hash to it. */
  public int getShards() { return shards; }
  public QingliuOptions setShards(int shards) { this.shards = shards; return this; }
  public double getOfflineFactor() { return offlineFactor; }
  public QingliuOptions setOfflineFactor(double offlineFactor) { this.offlineFactor = offlineFactor; return this; }
  public long getOfflineSweepMs() { return offlineSweepMs; }
  public QingliuOptions setOfflineSweepMs(long offlineSweepMs) { this.offlineSweepMs = offlineSweepMs; return this; }
  public long getMaxFutureSeconds() { return maxFutureSeconds; }
  public long getMaxAgeDays() { return maxAgeDays; }
  public QingliuOptions setMaxAgeDays(long days) { this.maxAgeDays = days; return this; }
  public long getMaxIngestBodyBytes() { return maxIngestBodyBytes; }
  public QingliuOptions setMaxIngestBodyBytes(long bytes) { this.maxIngestBodyBytes = bytes; return this; }
  /** HTTP ingest keys: {@code [{"name","key" or "keySha256","stations":["MS-*"]}]}. */
  public JsonArray getIntegrators() { return integrators; }
  public QingliuOptions setIntegrators(JsonArray integrators) { this.integrators = integrators; return this; }
  public long getSessionTimeoutMinutes() { return sessionTimeoutMinutes; }
  /** Officer accounts created at start-up: {@code [{"username","password" or "passwordHash","role","displayName"}]}. */
  public JsonArray getOfficers() { return officers; }
  public QingliuOptions setOfficers(JsonArray officers) { this.officers = officers; return this; }
  public ExceedanceOptions getExceedance() { return exceedance; }
  /** The event detector's options, or null when {@code checks.events} is absent: then only limits are checked. */
  public DetectorOptions getEvents() { return events; }
  public QingliuOptions setEvents(DetectorOptions events) { this.events = events; return this; }
  /**
   * The detector's options for one kind of station: {@code checks.events} with {@code checks.eventProfiles.<kind>}
   * laid over it (a river micro-station needs a lower threshold than a waterworks outflow), null when neither is set.
   */
  public DetectorOptions eventsFor(StationKind kind) { return eventProfiles.getOrDefault(kind, events); }
  /** The rate-of-change rule, or null when {@code checks.rateOfChange} is absent. */
  public RateOfChangeOptions getRateOfChange() { return rateOfChange; }
  public QingliuOptions setRateOfChange(RateOfChangeOptions r) { this.rateOfChange = r; return this; }
  /** Severity and pending rules, escalation and its webhook ({@code alerts}). */
  public AlertOptions getAlerts() { return alerts; }
  public QingliuOptions setAlerts(AlertOptions alerts) { this.alerts = alerts; return this; }
  public int getRebuildReadings() { return rebuildReadings; }
  public QingliuOptions setRebuildReadings(int readings) { this.rebuildReadings = readings; return this; }
  public MqttIngestOptions getMqtt() { return mqtt; }
  public Hj212Options getHj212() { return hj212; }
  public WriterOptions getWriter() { return writer; }
  public SimulatorOptions getSimulator() { return simulator; }
}
