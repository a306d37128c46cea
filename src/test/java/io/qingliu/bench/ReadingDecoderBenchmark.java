package io.qingliu.bench;

import io.qingliu.ingest.ReadingDecoder;
import io.qingliu.ingest.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of decoding one MQTT readings payload as the load generator sends it (6 parameters with 1–3 decimals and an
 * ISO timestamp per reading): a single reading, and an array of 10.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadingDecoderBenchmark {

  private static final String READING = "{\"ts\":\"2026-11-29T07:00:00.%03dZ\",\"values\":{\"ph\":7.31,\"do\":6.82,"
      + "\"nh3n\":0.42,\"codmn\":3.07,\"tp\":0.038,\"temp\":14.2}}";

  private final ReadingDecoder decoder = new ReadingDecoder(new TimeWindow(
      Clock.fixed(Instant.parse("2026-11-29T07:00:01Z"), ZoneOffset.UTC), 300, 30));
  private final byte[] one = String.format(READING, 1).getBytes(StandardCharsets.UTF_8);
  private final byte[] ten = ten();

  private static byte[] ten() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(READING, i));
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public ReadingDecoder.Decoded oneReading() {
    return decoder.decode("MS-001", one);
  }

  @Benchmark
  public ReadingDecoder.Decoded tenReadings() {
    return decoder.decode("MS-001", ten);
  }
}
