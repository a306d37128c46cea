package io.qingliu.sim;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.qingliu.config.SimulatorOptions;
import io.qingliu.ingest.mqtt.StationTopics;
import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's stations: one real MQTT connection per station, publishing QoS 1 readings like any station would.
 * Values follow a diurnal cycle (temperature, and DO with photosynthesis), carry sensor noise, sit inside the
 * station's target class, and now and then an enterprise discharges: the plume travels down the river with delay and
 * dilution and trips alerts at the stations below it. Every so often a station falls silent for a while.
 */
public final class StationSimulator extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StationSimulator.class);
  /** How long a simulated station stays silent when it "loses power". */
  private static final long OUTAGE_MS = 5 * 60_000;
  /** A tracing station sends a spectrum this often (real time; a real one every 30 min). */
  static final long SPECTRUM_PERIOD_MS = 20_000;
  /** Share of the river a discharge makes up where it is undiluted; a station 10 km below sees about a third. */
  static final double DISCHARGE_FRACTION = 0.1;
  /** How long an enterprise discharges (demo time). */
  static final long SLUG_MS = 150_000;
  /** Dilution above which the tracing names the source reliably: a 4 % share of the river once the slug is there. */
  private static final double TRACEABLE_DILUTION = 0.4;

  private final Network network;
  private final String host;
  private final int port;
  private final SimulatorOptions options;
  private final Random random;
  private final ZoneId zone;
  private final List<Plume> plumes = new ArrayList<>();
  private final List<MqttClient> clients = new ArrayList<>();
  private DemoFingerprints.StationSpectra spectra;
  private String silentStation;
  private long silentUntil;

  public StationSimulator(Network network, String host, int port, SimulatorOptions options) {
    this.network = network;
    this.host = host;
    this.port = port;
    this.options = options;
    this.random = new Random(options.getSeed());
    this.zone = ZoneId.of(network.timezone());
  }

  @Override
  public Future<?> start() {
    List<Future<?>> connected = new ArrayList<>();
    long periodMs = options.getPeriodSeconds() * 1000L;
    for (Station s : network.stations()) {
      if (s.parameters().isEmpty()) {
        continue;
      }
      MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("sim-" + s.id())
          .setUsername(s.id()).setPassword(s.secret()).setMaxInflightQueue(50).setKeepAliveInterval(60));
      clients.add(client);
      connected.add(client.connect(port, host).onSuccess(ack ->
          vertx.setPeriodic(random.nextInt((int) periodMs) + 1, periodMs, t -> publish(client, s))));
      if (s.kind() == StationKind.FINGERPRINT) {
        long[] sent = {0};
        vertx.setPeriodic(SPECTRUM_PERIOD_MS, t -> publishSpectrum(client, s, sent[0]++));
      }
    }
    connected.add(vertx.executeBlocking(DemoFingerprints.StationSpectra::load, false)
        .onSuccess(loaded -> spectra = loaded));
    vertx.setTimer(options.getFirstDischargeSeconds() * 1000L, t -> {
      discharge(true);
      Plume traced = traceablePlume(network, options, System.currentTimeMillis(), random);
      if (traced != null) {
        plumes.add(traced);
        LOG.info("simulated discharge from {} {}, which a tracing station will name", traced.source().id(),
            traced.source().name());
      }
    });
    vertx.setPeriodic(60_000, t -> maybeSilence());
    return Future.all(connected).onSuccess(ok -> LOG.info("{} simulated stations connected", clients.size()));
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closed = new ArrayList<>();
    clients.forEach(c -> closed.add(c.disconnect()));
    return Future.join(closed);
  }

  private void publish(MqttClient client, Station s) {
    long now = System.currentTimeMillis();
    if (s.id().equals(silentStation) && now < silentUntil) {
      return;
    }
    JsonObject values = new JsonObject();
    for (Parameter p : s.parameters()) {
      double base = baseline(s, p, now);
      double v = base + noise(p, base);
      for (Plume plume : plumes) {
        v += plume.added(s.id(), p, now);
      }
      values.put(p.key(), round(Math.max(0, v)));
    }
    JsonObject reading = new JsonObject().put("ts", Instant.ofEpochMilli(now).toString()).put("values", values);
    client.publish(StationTopics.of(s.id(), StationTopics.READINGS), Buffer.buffer(reading.encode()),
        MqttQoS.AT_LEAST_ONCE, false, false).onFailure(e -> LOG.debug("sim {}: {}", s.id(), e.getMessage()));
  }

  /** The river's spectrum at a tracing station, with the strongest discharge passing it mixed in. */
  private void publishSpectrum(MqttClient client, Station s, long n) {
    long now = System.currentTimeMillis();
    Plume strongest = null;
    double presence = 0;
    for (Plume p : plumes) {
      double here = p.presence(s.id(), now);
      if (here > presence) {
        presence = here;
        strongest = p;
      }
    }
    Enterprise source = strongest == null ? null : strongest.source();
    double f = DISCHARGE_FRACTION * presence;
    long seed = random.nextLong();
    // Mixing and encoding thousands of cells is CPU work: off the event loop.
    vertx.executeBlocking(() -> spectra.sample(n, source, f, new Random(seed)).put("ts", Instant.ofEpochMilli(now)
            .toString()).encode(), false)
        .compose(json -> client.publish(StationTopics.of(s.id(), StationTopics.EEM), Buffer.buffer(json), MqttQoS.AT_LEAST_ONCE,
            false, false))
        .onFailure(e -> LOG.debug("sim {} spectrum: {}", s.id(), e.getMessage()));
  }

  /** A plausible value inside the station's target class, with the diurnal cycles of temperature and DO. */
  private double baseline(Station s, Parameter p, long now) {
    double hour = Instant.ofEpochMilli(now).atZone(zone).getHour() + Instant.ofEpochMilli(now).atZone(zone)
        .getMinute() / 60.0;
    double day = Math.sin(2 * Math.PI * (hour - 9) / 24);
    double scale = s.targetClass() <= 2 ? 0.5 : s.targetClass() >= 4 ? 1.6 : 0.9;
    if (s.kind() == StationKind.OUTFALL) {
      Double limit = s.permitLimits().get(p);
      if (limit != null) {
        return limit * 0.45;
      }
    }
    double seed = (s.id().hashCode() & 0xff) / 255.0;
    return switch (p) {
      case PH -> 7.6 + 0.3 * seed + 0.15 * day;
      case DO -> 8.2 + 1.2 * day - 0.8 * (scale - 0.5);
      case TEMP -> 9 + 3 * seed + 2.5 * day;
      case COND -> 450 + 300 * seed;
      case TURB -> 8 + 15 * seed;
      case CODMN -> 3.5 * scale;
      case COD -> 14 * scale;
      case NH3N -> 0.45 * scale;
      case TP -> (s.lake() ? 0.03 : 0.1) * scale;
      case TN -> 0.9 * scale;
      case FLOW -> 40 + 60 * seed;
      // Metals and chlorophyll: a small fraction of their class I limits.
      case HG -> 0.00002;
      case CD -> 0.0004;
      case CR6 -> 0.004;
      case AS -> 0.003;
      case PB -> 0.002;
      case SE -> 0.001;
      case CU -> 0.003;
      case ZN -> 0.02;
      default -> 0.005;
    };
  }

  /** Sensor noise: absolute for the five parameters, 3 % of the level for the concentrations. */
  private double noise(Parameter p, double base) {
    double sd = switch (p) {
      case PH -> 0.03;
      case DO -> 0.1;
      case TEMP -> 0.05;
      case COND -> 5;
      case TURB -> 0.8;
      case FLOW -> 2;
      default -> 0.03 * base;
    };
    return random.nextGaussian() * sd;
  }

  /** Four significant digits, as an instrument prints them. */
  private static double round(double v) {
    return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(4)).doubleValue();
  }

  /**
   * A discharge starting now that a tracing station sees soon and strongly enough to name its source, so a newcomer
   * meets the product's traced alert in the first minutes: it arrives after the station's first two spectra (its
   * baseline, which must stay clean) and within two spectra after that. Null when no enterprise qualifies.
   */
  static Plume traceablePlume(Network network, SimulatorOptions options, long nowMs, Random random) {
    List<Enterprise> order = new ArrayList<>(network.enterprises());
    Collections.shuffle(order, random);
    for (Enterprise e : order) {
      Plume plume = new Plume(network, e, nowMs, SLUG_MS, options.getTimeCompression());
      if (tracedBy(network, options, plume) != null) {
        return plume;
      }
    }
    return null;
  }

  /** The tracing station that sees a first discharge as {@link #traceablePlume} wants it; null when none does. */
  static Station tracedBy(Network network, SimulatorOptions options, Plume plume) {
    long baselined = 2 * SPECTRUM_PERIOD_MS - options.getFirstDischargeSeconds() * 1000L;
    for (Station s : network.stations()) {
      long arrival = plume.arrivalMs(s.id());
      if (s.kind() == StationKind.FINGERPRINT && arrival >= baselined && arrival <= baselined + 2 * SPECTRUM_PERIOD_MS
          && plume.dilutionAt(s.id()) >= TRACEABLE_DILUTION) {
        return s;
      }
    }
    return null;
  }

  /** Starts a discharge; the first one comes from an enterprise with a station close below it, so it shows soon. */
  private void discharge(boolean first) {
    long now = System.currentTimeMillis();
    plumes.removeIf(p -> p.over(now));
    List<Enterprise> all = network.enterprises();
    if (!all.isEmpty()) {
      Plume plume = null;
      for (int attempt = 0; attempt < 40; attempt++) {
        Enterprise e = all.get(random.nextInt(all.size()));
        Plume candidate = new Plume(network, e, now, SLUG_MS, options.getTimeCompression());
        long arrival = candidate.firstArrivalMs();
        if (arrival >= 0 && (!first || arrival < 30_000)) {
          plume = candidate;
          break;
        }
      }
      if (plume != null) {
        plumes.add(plume);
        LOG.info("simulated discharge from {} {} (reaches the first station below it in {} s)",
            plume.source().id(), plume.source().name(), plume.firstArrivalMs() / 1000);
      }
    }
    long next = (long) (options.getDischargeEverySeconds() * 1000L * (0.5 + random.nextDouble()));
    vertx.setTimer(next, t -> discharge(false));
  }

  /** Now and then a micro-station goes quiet for a few minutes (a power cut), so the offline check has work. */
  private void maybeSilence() {
    long now = System.currentTimeMillis();
    if (now < silentUntil || random.nextDouble() > 0.3) {
      return;
    }
    List<Station> micro = new ArrayList<>();
    for (Station s : network.stations()) {
      if (s.kind() == StationKind.MICRO) {
        micro.add(s);
      }
    }
    if (!micro.isEmpty()) {
      silentStation = micro.get(random.nextInt(micro.size())).id();
      silentUntil = now + OUTAGE_MS;
      LOG.info("simulated outage at {} for {} min", silentStation, OUTAGE_MS / 60_000);
    }
  }
}
