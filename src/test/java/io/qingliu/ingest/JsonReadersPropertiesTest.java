package io.qingliu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JSON readers of the ingest path under random and mutated input: they answer with rejects, never throw, never
 * hang, and whatever they do accept is a well-formed reading or spectrum.
 */
class JsonReadersPropertiesTest {

  static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-28T08:00:00Z"));
  static final TimeWindow WINDOW = new TimeWindow(CLOCK, 600, 400);
  static final ReadingDecoder READINGS = new ReadingDecoder(WINDOW);
  static final EemDecoder SPECTRA = new EemDecoder(WINDOW);
  static final Duration NO_HANG = Duration.ofSeconds(5);
  static final byte[] GOOD_BATCH = ("[{\"ts\":\"2026-11-28T07:00:00Z\",\"values\":{\"ph\":7.31,\"do\":6.2,\"nh3n\":0.42},"
      + "\"flags\":{\"ph\":\"M\"}},{\"station\":\"S1\",\"ts\":1764313200000,\"values\":{\"w21011\":0.08,\"temp\":14.2}}]")
      .getBytes(StandardCharsets.UTF_8);
  static final byte[] GOOD_EEM = spectrum();

  static byte[] spectrum() {
    try {
      String json = Files.readString(Path.of("src/test/resources/eem/dev-0001-sample.json"));
      return ("{\"ts\":\"2026-11-28T07:00:00Z\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
  }

  @Provide
  Arbitrary<byte[]> mutatedBatch() {
    return mutations(GOOD_BATCH);
  }

  @Provide
  Arbitrary<byte[]> mutatedSpectrum() {
    return mutations(GOOD_EEM);
  }

  /** A valid payload with a few bytes overwritten, dropped or cut short. */
  static Arbitrary<byte[]> mutations(byte[] good) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, good.length - 1);
    return Arbitraries.oneOf(
        at.tuple2().flatMap(t -> Arbitraries.bytes().map(b -> {
          byte[] out = good.clone();
          out[t.get1()] = b;
          out[t.get2()] = (byte) (b ^ 0x5A);
          return out;
        })),
        at.map(cut -> Arrays.copyOf(good, cut)),
        at.map(drop -> {
          byte[] out = new byte[good.length - 1];
          System.arraycopy(good, 0, out, 0, drop);
          System.arraycopy(good, drop + 1, out, drop, good.length - drop - 1);
          return out;
        }));
  }

  static void assertWellFormed(ReadingDecoder.Decoded d) {
    assertThat(d.readings()).hasSameSizeAs(d.items());
    for (Reading r : d.readings()) {
      assertThat(r.stationId()).isNotNull();
      assertThat(r.values()).hasSize(Parameter.COUNT);
      for (double v : r.values()) {
        assertThat(Double.isInfinite(v)).as("no infinite value is ever accepted").isFalse();
      }
    }
  }

  @Property(tries = 1000)
  void givenRandomBytes_whenDecodedAsReadings_thenItAnswersWithoutThrowing(@ForAll("anyBytes") byte[] payload) {
    ReadingDecoder.Decoded d = assertTimeoutPreemptively(NO_HANG, () -> READINGS.decode("S1", payload, true));
    assertWellFormed(d);
    assertThat(d.readings().size() + d.rejects().size()).as("every payload is answered").isPositive();
  }

  @Property(tries = 1000)
  void givenAMutatedBatch_whenDecoded_thenEveryKeptReadingIsWellFormed(@ForAll("mutatedBatch") byte[] payload) {
    ReadingDecoder.Decoded d = assertTimeoutPreemptively(NO_HANG, () -> READINGS.decode("S1", payload));
    assertWellFormed(d);
    assertThat(d.readings().size() + d.rejects().size()).as("every payload is answered").isPositive();
  }

  @Property(tries = 300)
  void givenAMutatedSpectrum_whenDecoded_thenItIsEitherAConsistentSpectrumOrARefusal(
      @ForAll("mutatedSpectrum") byte[] payload) {
    EemDecoder.Decoded d = assertTimeoutPreemptively(NO_HANG, () -> SPECTRA.decode("FP-1", payload));
    assertThat(d.eem() == null).isNotEqualTo(d.reject() == null);
    if (d.eem() != null) {
      assertThat(d.eem().intensity()).hasSize(d.eem().ex().length * d.eem().em().length);
    }
  }

  @Example
  void givenASpectrumWhoseTimeIsNoTime_thenItIsRefusedAsABadTimestamp_likeAReading() {
    String spectrum = new String(GOOD_EEM, StandardCharsets.UTF_8).replace("\"ts\":\"2026-11-28T07:00:00Z\"",
        "\"ts\":true");
    assertThat(SPECTRA.decode("FP-1", spectrum.getBytes(StandardCharsets.UTF_8)).reject().reason())
        .isEqualTo(RejectReason.BAD_TS);
    assertThat(READINGS.decode("S1", "{\"ts\":true,\"values\":{\"ph\":7}}".getBytes(StandardCharsets.UTF_8))
        .rejects()).extracting(Reject::reason).containsExactly(RejectReason.BAD_TS);
  }

  @Property(tries = 500)
  void givenRandomBytes_whenDecodedAsASpectrum_thenItIsRefusedWithAReason(@ForAll("anyBytes") byte[] payload) {
    EemDecoder.Decoded d = assertTimeoutPreemptively(NO_HANG, () -> SPECTRA.decode("FP-1", payload));
    assertThat(d.eem() == null ? d.reject().detail() : "accepted").isNotEmpty();
  }
}
