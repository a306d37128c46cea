package io.qingliu;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qingliu.alerts.AlertRules;
import io.qingliu.alerts.AlertSweeper;
import io.qingliu.alerts.Silences;
import io.qingliu.checks.StationChecks;
import io.qingliu.checks.WaterQualityStandard;
import io.qingliu.config.ConfigFiles;
import io.qingliu.config.NetworkLoader;
import io.qingliu.config.QingliuOptions;
import io.qingliu.fingerprint.FluorescenceWatch;
import io.qingliu.ingest.IntegratorKeys;
import io.qingliu.ingest.ReadingDecoder;
import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.ingest.eem.EemIngest;
import io.qingliu.ingest.hj212.Hj212Counters;
import io.qingliu.ingest.hj212.Hj212Ingest;
import io.qingliu.ingest.hj212.Hj212IngestVerticle;
import io.qingliu.ingest.http.HttpIngest;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.StationAuthenticator;
import io.qingliu.ingest.TimeWindow;
import io.qingliu.ingest.mqtt.IngestCounters;
import io.qingliu.ingest.mqtt.MqttListener;
import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.qingliu.shard.Shard;
import io.qingliu.shard.ShardSetup;
import io.qingliu.shard.StationShards;
import io.qingliu.store.AlertRuleStore;
import io.qingliu.store.AlertStore;
import io.qingliu.store.Database;
import io.qingliu.store.ChartQueries;
import io.qingliu.store.EemStore;
import io.qingliu.store.ReadingQueries;
import io.qingliu.store.ReadingWriter;
import io.qingliu.store.SilenceStore;
import io.qingliu.store.ReferenceStore;
import io.qingliu.store.TraceMatchStore;
import io.qingliu.tracing.TraceParams;
import io.qingliu.store.StationDirectory;
import io.qingliu.store.StationSettingsStore;
import io.qingliu.model.StationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.qingliu.web.HttpVerticle;
import io.qingliu.web.auth.OfficerDirectory;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Qingliu: wires the path of a reading (ingest → shard → checks → store → alerts → web) on one Vert.x
 * instance and owns it until {@link #close}.
 */
public final class QingliuServer {

  private static final Logger LOG = LoggerFactory.getLogger(QingliuServer.class);

  private final Vertx vertx;
  private final QingliuOptions options;
  private final Network network;
  private final Database db;
  private final StationShards shards;
  private final AlertSweeper sweeper;
  private final PrometheusMeterRegistry registry;
  private final ReferenceStore references;
  private final FluorescenceWatch fingerprints;

  private QingliuServer(Vertx vertx, QingliuOptions options, Network network, Database db, StationShards shards,
      AlertSweeper sweeper, PrometheusMeterRegistry registry, ReferenceStore references,
      FluorescenceWatch fingerprints) {
    this.vertx = vertx;
    this.options = options;
    this.network = network;
    this.db = db;
    this.shards = shards;
    this.sweeper = sweeper;
    this.registry = registry;
    this.references = references;
    this.fingerprints = fingerprints;
  }

  public static Future<QingliuServer> start(QingliuOptions options, Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    return vertx.executeBlocking(() -> new Object[] {
            NetworkLoader.fromJson(ConfigFiles.read(options.getNetworkFile())),
            WaterQualityStandard.fromJson(ConfigFiles.read(options.getStandardFile()))})
        .compose(files -> Database.start(vertx, options).compose(db ->
            wire(vertx, options, (Network) files[0], (WaterQualityStandard) files[1], db, registry, clock)))
        .onFailure(e -> vertx.close());
  }

  private static Future<QingliuServer> wire(Vertx vertx, QingliuOptions options, Network network,
      WaterQualityStandard standard, Database db, PrometheusMeterRegistry registry, Clock clock) {
    AlertStore alertStore = new AlertStore(db.pool(), network);
    Silences silences = new Silences();
    SilenceStore silenceStore = new SilenceStore(db.pool());
    AlertSweeper sweeper = new AlertSweeper(alertStore, silenceStore, silences, options.getAlerts(), clock, registry);
    AlertRules rules = new AlertRules(options.getAlerts().getRules());
    AlertRuleStore ruleStore = new AlertRuleStore(db.pool());
    OfficerDirectory officers = new OfficerDirectory(vertx, db.pool());
    RejectLog rejects = new RejectLog(registry, clock);
    AtomicInteger pending = new AtomicInteger();
    Gauge.builder("qingliu.store.pending", pending, AtomicInteger::get)
        .description("readings waiting for the database").register(registry);
    StationSettingsStore stationSettings = new StationSettingsStore(db.pool());
    // Settings an admin changed win over the network file's, across restarts; registering then records them.
    return stationSettings.latest()
        .map(latest -> {
          latest.values().forEach(v -> applySaved(network, v));
          return null;
        })
        .compose(applied -> StationDirectory.register(db.pool(), network))
        .compose(directory -> officers.seed(options.getOfficers()).map(directory))
        // Rules an admin set win over the configuration's, across restarts.
        .compose(directory -> ruleStore.latest().map(set -> {
          if (set != null) {
            rules.replace(set);
          }
          return directory;
        }))
        .compose(directory -> {
          int n = options.getShards();
          List<List<Station>> split = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            split.add(new ArrayList<>());
          }
          for (Station s : network.stations()) {
            split.get(StationShards.indexOf(s.id(), n)).add(s);
          }
          ShardSetup setup = new ShardSetup(s -> new StationChecks(s, standard, options.getExceedance(),
                  options.eventsFor(s.kind()), options.getRateOfChange(),
                  rules.current().debounce(s.kind(), s.targetClass())),
              new ReadingQueries(db.pool(), directory), options.getRebuildReadings(), alertStore,
              rules, silences,
              () -> new ReadingWriter(db.pool(), directory, options.getWriter(), registry, pending),
              options.getOfflineFactor(), options.getOfflineSweepMs(), clock);
          List<Shard> shardList = new ArrayList<>();
          List<Future<String>> deployed = new ArrayList<>();
          for (List<Station> mine : split) {
            Shard shard = new Shard(mine, setup);
            shardList.add(shard);
            deployed.add(vertx.deployVerticle(shard));
          }
          StationShards shards = new StationShards(shardList);
          EemStore spectra = new EemStore(db.pool(), directory);
          ReferenceStore references = new ReferenceStore(db.pool(), spectra);
          FluorescenceWatch fingerprints = new FluorescenceWatch(vertx, network, shards, references,
              new TraceMatchStore(db.pool()), TraceParams.DEFAULT, registry);
          return Future.all(deployed).compose(ok -> vertx.deployVerticle(sweeper))
              .compose(ok -> fingerprints.reload())
              .compose(ok -> fingerprints.restoreBaselines(spectra))
              .compose(ok -> deployEdges(vertx, options, network, standard, db, directory, shards, alertStore,
                  new HttpVerticle.Desk(silenceStore, sweeper, options.getAlerts(), rules, ruleStore, stationSettings),
                  officers,
                  rejects, registry, clock, spectra, fingerprints))
              .map(ok -> new QingliuServer(vertx, options, network, db, shards, sweeper, registry, references,
                  fingerprints));
        });
  }

  /** A saved version over the file's station; one the file no longer allows is logged and left out. */
  private static void applySaved(Network network, StationSettingsStore.Version saved) {
    Station s = network.station(saved.stationId());
    try {
      if (s != null) {
        network.update(s.id(), StationSettings.merge(s, saved.settings()));
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("station {}: settings version {} by {} no longer apply ({}); the network file's are in force",
          saved.stationId(), saved.version(), saved.setBy(), e.getMessage());
    }
  }

  private static Future<?> deployEdges(Vertx vertx, QingliuOptions options, Network network,
      WaterQualityStandard standard, Database db, StationDirectory directory, StationShards shards, AlertStore alertStore, HttpVerticle.Desk desk,
      OfficerDirectory officers, RejectLog rejects, PrometheusMeterRegistry registry, Clock clock, EemStore spectra,
      FluorescenceWatch traces) {
    int loops = options.getShards();
    IngestCounters counters = new IngestCounters(registry);
    StationAuthenticator auth = new StationAuthenticator(network);
    TimeWindow window = new TimeWindow(clock, options.getMaxFutureSeconds(), options.getMaxAgeDays());
    ReadingDecoder decoder = new ReadingDecoder(window);
    EemIngest eem = new EemIngest(vertx, new EemDecoder(window),
        spectra, traces, rejects, registry, EemIngest.DEFAULT_MAX_BYTES_IN_FLIGHT);
    Hj212Ingest hj212 = new Hj212Ingest(vertx, network, window, shards, rejects, clock, registry,
        options.getHj212().getSplitWaitMillis());
    Hj212Counters hj212Counters = new Hj212Counters(registry);
    AtomicInteger webSockets = new AtomicInteger();
    HttpVerticle.registerGauges(registry, webSockets);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HttpVerticle.Deps web = new HttpVerticle.Deps(options.getHttpPort(), options.getWebRoot(),
        options.getSessionTimeoutMinutes() * 60_000, Base64.getEncoder().encodeToString(secret),
        LocalSessionStore.create(vertx), network, shards, alertStore, new ReadingQueries(db.pool(), directory),
        rejects, officers, db.pool(), registry, webSockets, clock,
        new HttpIngest(network, auth, new IntegratorKeys(options.getIntegrators()), decoder, eem, hj212, shards, rejects,
            registry),
        options.getMaxIngestBodyBytes(), spectra, new HttpVerticle.Library(traces, new EemDecoder(window)), desk,
        new HttpVerticle.Views(new ChartQueries(db.pool(), directory), standard));
    MqttListener mqtt = new MqttListener(options.getMqtt(), auth, decoder, eem, hj212, shards, rejects, counters);
    return ListenFailure.explain(shards.onEachLoop(() -> mqtt.listen(vertx)),
            "MQTT", options.getMqtt().getPort(), "QINGLIU_MQTT_PORT", "mqtt.port")
        .compose(id -> ListenFailure.explain(vertx.deployVerticle(() -> new Hj212IngestVerticle(options.getHj212(),
                hj212, rejects, hj212Counters), new DeploymentOptions().setInstances(loops)),
            "HJ 212", options.getHj212().getPort(), "QINGLIU_HJ212_PORT", "hj212.port"))
        .compose(id -> ListenFailure.explain(vertx.deployVerticle(() -> new HttpVerticle(web),
                new DeploymentOptions().setInstances(loops)),
            "HTTP", options.getHttpPort(), "QINGLIU_HTTP_PORT", "http.port"));
  }

  public Vertx vertx() {
    return vertx;
  }

  public Network network() {
    return network;
  }

  public QingliuOptions options() {
    return options;
  }

  public Database database() {
    return db;
  }

  public StationShards shards() {
    return shards;
  }

  /** Applies silences and escalates now; its timer does it every {@code alerts.sweepSeconds}, tests after moving the clock. */
  public Future<Void> sweepAlerts() {
    return sweeper.sweep();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The fingerprint library in the database. */
  public ReferenceStore references() {
    return references;
  }

  /** Fluorescence tracing: reload the library after changing it. */
  public FluorescenceWatch fingerprints() {
    return fingerprints;
  }

  /** Stops taking readings, lets the database work finish, stops the embedded database if any, then Vert.x. */
  public Future<Void> close() {
    List<Future<Void>> undeployed = new ArrayList<>();
    vertx.deploymentIDs().forEach(id -> undeployed.add(vertx.undeploy(id)));
    return Future.join(undeployed)
        .transform(ignored -> db.close(vertx))
        .transform(ignored -> vertx.close());
  }
}
