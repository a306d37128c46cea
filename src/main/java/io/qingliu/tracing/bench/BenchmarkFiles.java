package io.qingliu.tracing.bench;

import io.qingliu.ingest.Reject;
import io.qingliu.ingest.TimeWindow;
import io.qingliu.ingest.eem.EemDecoder;
import io.qingliu.model.Eem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Reads benchmark EEM files (the exchange format of ../shared/data/eem) with the server's own {@link EemDecoder}.
 * Benchmark files carry no measurement time, which the decoder requires: a fixed {@code "ts":0} is added in memory.
 */
public final class BenchmarkFiles {

  private static final byte[] TS = "\"ts\":0,".getBytes(StandardCharsets.US_ASCII);

  private final EemDecoder decoder =
      new EemDecoder(new TimeWindow(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1, 1));

  public Eem read(Path file, String id) throws IOException {
    return decode(Files.readAllBytes(file), id, file.toString());
  }

  public Eem decode(byte[] json, String id, String where) {
    int brace = 0;
    while (brace < json.length && json[brace] != '{') {
      brace++;
    }
    if (brace == json.length) {
      throw new IllegalArgumentException(where + ": not a JSON object");
    }
    byte[] withTs = new byte[json.length + TS.length];
    System.arraycopy(json, 0, withTs, 0, brace + 1);
    System.arraycopy(TS, 0, withTs, brace + 1, TS.length);
    System.arraycopy(json, brace + 1, withTs, brace + 1 + TS.length, json.length - brace - 1);
    EemDecoder.Decoded d = decoder.decode(id, withTs);
    if (d.eem() == null) {
      Reject r = d.reject();
      throw new IllegalArgumentException(where + ": " + r.describe());
    }
    return d.eem();
  }
}
