package io.qingliu.sim;

import io.qingliu.QingliuServer;
import io.qingliu.model.Eem;
import io.qingliu.model.Enterprise;
import io.qingliu.tracing.bench.BenchmarkFiles;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.Spectrum;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's fluorescence: real spectra bundled under {@code /demo/eem} (see the README there). Each enterprise gets
 * the references of one of four source classes; a simulated discharge adds another sample of that class to the river.
 */
public final class DemoFingerprints {

  /** A source class: its two library references and the sample a discharge adds. */
  record SourceClass(String name, List<String> references, String discharge) {}

  static final List<SourceClass> CLASSES = List.of(
      new SourceClass("culture", List.of("lib-E01-ptut-006-t1181113", "lib-E01-ptut-063-T2181115"),
          "src-ptut-007-T1181114"),
      new SourceClass("greywater", List.of("lib-E03-greywater-2022-09-29-0910", "lib-E03-greywater-2022-09-29-1010"),
          "src-greywater-2022-09-29-0920"),
      new SourceClass("bay water", List.of("lib-E04-sfbay-d661sf", "lib-E04-sfbay-d1266sf"), "src-sfbay-d667sf"),
      new SourceClass("estuary", List.of("lib-E05-cr2013-006-ML03_B1", "lib-E05-cr2013-041-SAT03_B1"),
          "src-cr2013-042-SAT03_S1"));

  /** Hourly river samples a tracing station cycles through. */
  static final List<String> RIVER = List.of("cr2013-106-TS04171308001", "cr2013-107-TS04171309001",
      "cr2013-108-TS04171310001", "cr2013-109-TS04171311001");

  private static final BenchmarkFiles FILES = new BenchmarkFiles();

  /** What the simulated tracing stations send: the river samples and each class's discharge, preprocessed. */
  record StationSpectra(List<Eem> river, Map<String, Spectrum> discharges) {

    /** Reads the bundled spectra (call it off the event loop). */
    static StationSpectra load() {
      Preprocessor pre = new Preprocessor();
      Map<String, Spectrum> discharges = new HashMap<>();
      CLASSES.forEach(c -> discharges.put(c.name(), pre.reference(eem(c.discharge()))));
      return new StationSpectra(RIVER.stream().map(DemoFingerprints::eem).toList(), discharges);
    }

    /**
     * The {@code n}-th spectrum of a station: the river samples in turn, plus {@code f} of {@code source}'s
     * discharge (none when null). CPU work: call it off the event loop.
     */
    JsonObject sample(long n, Enterprise source, double f, Random noise) {
      Eem r = river.get((int) (n % river.size()));
      return SpectrumMixer.mix(r, source == null ? null : discharges.get(classOf(source).name()), f, noise);
    }
  }

  private DemoFingerprints() {}

  /** The class of an enterprise: stable across runs, so a seeded library matches the simulator. */
  static SourceClass classOf(Enterprise e) {
    return CLASSES.get(Math.floorMod(e.id().hashCode(), CLASSES.size()));
  }

  /** One bundled spectrum (reads a resource: call it off the event loop). */
  static Eem eem(String id) {
    try (InputStream in = DemoFingerprints.class.getResourceAsStream("/demo/eem/" + id + ".json")) {
      if (in == null) {
        throw new IllegalStateException("no bundled spectrum " + id);
      }
      return FILES.decode(in.readAllBytes(), id, "/demo/eem/" + id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Seeds an empty library: every enterprise of the network gets the two references of its class, added by "demo".
   * Completes with the number of references added (0 when the library had some already).
   */
  public static Future<Integer> seed(QingliuServer server) {
    Vertx vertx = server.vertx();
    return server.references().list().compose(existing -> {
      if (!existing.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return vertx.executeBlocking(() -> {
        Map<String, Eem> refs = new HashMap<>();
        CLASSES.forEach(c -> c.references().forEach(r -> refs.put(r, eem(r))));
        return refs;
      }, false).compose(refs -> {
        Future<Integer> added = Future.succeededFuture(0);
        for (Enterprise e : server.network().enterprises()) {
          SourceClass c = classOf(e);
          for (String r : c.references()) {
            added = added.compose(n -> server.references().add(e.id(), r, refs.get(r), "demo seed: " + c.name()
                + " class of the shared EEM benchmark", "demo", System.currentTimeMillis()).map(n + 1));
          }
        }
        return added;
      }).compose(n -> server.fingerprints().reload().map(n));
    });
  }
}
