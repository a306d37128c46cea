package io.qingliu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.config.NetworkLoader;
import io.qingliu.config.QingliuOptions;
import io.qingliu.config.SimulatorOptions;
import io.qingliu.ingest.TimeWindow;
import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.qingliu.tracing.FingerprintLibrary;
import io.qingliu.tracing.FingerprintTracer;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.StationBaseline;
import io.qingliu.tracing.TraceParams;
import io.qingliu.tracing.TraceResult;
import io.qingliu.tracing.Upstream;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's early discharge that a tracing station names (README: a traced alert after about two minutes): the
 * simulator's own spectra, decoded as the server decodes them, traced against the seeded library with the river prior.
 */
class TraceablePlumeTest {

  static Network network;
  static final SimulatorOptions DEFAULTS = new SimulatorOptions();

  @BeforeAll
  static void load() throws Exception {
    network = NetworkLoader.fromJson(new JsonObject(Files.readString(Path.of(QingliuOptions.DEFAULT_NETWORK))));
  }

  @Test
  void givenTheDemoNetwork_whenTheFirstDischargesStart_thenOneIsTraceableWhateverTheSeed() {
    for (long seed = 0; seed < 20; seed++) {
      Plume plume = StationSimulator.traceablePlume(network, DEFAULTS, 0, new Random(seed));
      assertThat(plume).as("seed %d", seed).isNotNull();
      assertThat(StationSimulator.tracedBy(network, DEFAULTS, plume)).isNotNull();
    }
  }

  @Test
  void givenEachTraceableDischarge_whenItsStationsSpectraAreTraced_thenTheBaselineStaysCleanAndItsSourceIsNamed() {
    Preprocessor pre = new Preprocessor();
    FingerprintLibrary.Builder library = FingerprintLibrary.builder();
    for (Enterprise e : network.enterprises()) {
      for (String ref : DemoFingerprints.classOf(e).references()) {
        library.add(e.id(), ref, pre.reference(DemoFingerprints.eem(ref)));
      }
    }
    FingerprintTracer tracer = new FingerprintTracer(library.build(), pre, TraceParams.DEFAULT);
    DemoFingerprints.StationSpectra spectra = DemoFingerprints.StationSpectra.load();
    EemDecoder decoder = new EemDecoder(new TimeWindow(Clock.systemUTC(), 60, 4000));
    long dischargeAt = DEFAULTS.getFirstDischargeSeconds() * 1000L;

    List<String> traceable = new ArrayList<>();
    for (Enterprise e : network.enterprises()) {
      Plume plume = new Plume(network, e, dischargeAt, StationSimulator.SLUG_MS, DEFAULTS.getTimeCompression());
      Station station = StationSimulator.tracedBy(network, DEFAULTS, plume);
      if (station == null) {
        continue;
      }
      traceable.add(e.id());
      Map<String, Double> prior = Upstream.of(network, station).prior();
      StationBaseline baseline = new StationBaseline(station.id());
      Random noise = new Random(7);
      TraceResult named = null;
      // the simulator's spectra come every 20 s from the start: the first two are the baseline
      for (int n = 0; n < 5 && named == null; n++) {
        long at = (n + 1) * StationSimulator.SPECTRUM_PERIOD_MS;
        double presence = plume.presence(station.id(), at);
        JsonObject json = spectra.sample(n, presence > 0 ? e : null, StationSimulator.DISCHARGE_FRACTION * presence,
            noise).put("ts", Instant.now().toString());
        EemDecoder.Decoded d = decoder.decode(station.id(), json.encode().getBytes(StandardCharsets.UTF_8));
        assertThat(d.reject()).isNull();
        var spectrum = tracer.prepare(d.eem());
        if (n < StationBaseline.MIN_SPECTRA) {
          assertThat(presence).as("%s's baseline spectrum %d", station.id(), n).isZero();
          baseline.add(spectrum);
          continue;
        }
        TraceResult r = tracer.trace(baseline, spectrum, prior);
        if (r.verdict() != TraceResult.Verdict.NONE) {
          named = r;
        } else if (!r.departure().anomalous()) {
          baseline.add(spectrum); // as FluorescenceWatch does
        }
      }
      assertThat(named).as("%s discharging above %s", e.id(), station.id()).isNotNull();
      assertThat(named.source()).as("%s discharging above %s", e.id(), station.id()).isEqualTo(e.id());
    }
    assertThat(traceable).hasSizeGreaterThanOrEqualTo(3);
  }
}
