package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the codec under random and mutated input: it refuses cleanly, never accepts damage, never hangs. */
class Hj212PropertiesTest {

  private static final int BOUND = 2 + 4 + 9999 + 4 + 2;
  private static final Duration NO_HANG = Duration.ofSeconds(5);

  enum Kind { FLIP, INSERT, DELETE, SET }

  /** One edit of a byte array; {@code at} is reduced modulo the array's length when applied. */
  record Mutation(Kind kind, int at, byte value) {

    byte[] applyTo(byte[] b) {
      if (kind == Kind.INSERT) {
        int i = Math.floorMod(at, b.length + 1);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, i);
        out[i] = value;
        System.arraycopy(b, i, out, i + 1, b.length - i);
        return out;
      }
      if (b.length == 0) {
        return b;
      }
      int i = Math.floorMod(at, b.length);
      if (kind == Kind.DELETE) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, i);
        System.arraycopy(b, i + 1, out, i, b.length - i - 1);
        return out;
      }
      byte[] out = b.clone();
      // FLIP xors a non-zero mask, so it always changes the byte; SET may write what was there.
      out[i] = kind == Kind.FLIP ? (byte) (out[i] ^ (value == 0 ? 1 : value)) : value;
      return out;
    }
  }

  // ---- (a) decode refuses only with Hj212Exception, and never hangs ----

  @Property(tries = 2000)
  void givenRandomBytes_whenDecoded_thenOnlyHj212ExceptionIsThrown(@ForAll("frameLikeBytes") byte[] input) {
    decodeBothWays(input);
  }

  @Property(tries = 2000)
  void givenMutatedSampleFrames_whenDecoded_thenOnlyHj212ExceptionIsThrown(@ForAll("sampleIds") String id,
      @ForAll("mutations") List<Mutation> mutations, @ForAll boolean crlf) {
    byte[] b = crlf ? Hj212Samples.frameBytes(id) : Hj212Samples.line(id).getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      b = m.applyTo(b);
    }
    decodeBothWays(b);
  }

  @Property(tries = 2000)
  void givenMutatedSampleFrames_whenFramed_thenTheFramerStaysBoundedAndItsFramesDecodeOrAreRefused(
      @ForAll("sampleIds") String id, @ForAll("mutations") List<Mutation> mutations,
      @ForAll("chunkSizes") List<Integer> chunkSizes) {
    byte[] b = Hj212Samples.frameBytes(id);
    for (Mutation m : mutations) {
      b = m.applyTo(b);
    }
    byte[] stream = b;
    assertTimeoutPreemptively(NO_HANG, () -> {
      Hj212Framer framer = new Hj212Framer(BOUND);
      long accounted = 0;
      for (byte[] chunk : chunk(stream, chunkSizes)) {
        for (Hj212Framer.Result r : framer.feed(chunk)) {
          if (r instanceof Hj212Framer.Frame f) {
            accounted += 6 + f.segment().length + 6;
            try {
              Hj212Parser.parse(f.segment(), 0, f.segment().length);
            } catch (Hj212Exception expected) {
              assertThat(expected.error()).isIn(Hj212Error.MALFORMED, Hj212Error.MISSING_FIELD);
            }
          } else {
            accounted += ((Hj212Framer.Error) r).bytes();
          }
        }
        assertThat(framer.buffered()).isLessThanOrEqualTo(BOUND);
      }
      // Every byte is either in a frame, reported as garbage, or still held as a possible frame start.
      assertThat(accounted + framer.buffered()).isEqualTo(stream.length);
    });
  }

  private static void decodeBothWays(byte[] input) {
    assertTimeoutPreemptively(NO_HANG, () -> {
      for (boolean legacy : new boolean[] {false, true}) {
        try {
          Hj212Frames.decodeDetailed(input, 0, input.length, legacy);
        } catch (Hj212Exception expected) {
          assertThat(expected.error()).isNotNull();
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    });
  }

  // ---- (b) a changed segment under unchanged CRC digits is never accepted ----

  @Property(tries = 2000)
  void givenASegmentChangedUnderItsOriginalCrc_whenDecoded_thenRefusedUnlessTheCrcReallyCollides(
      @ForAll("validIds") String id, @ForAll("mutations") List<Mutation> mutations) {
    byte[] original = Hj212Samples.segment(id);
    String line = Hj212Samples.line(id);
    String crc = line.substring(line.length() - 4);
    byte[] seg = original;
    for (Mutation m : mutations) {
      seg = m.applyTo(seg);
    }
    Assume.that(!Arrays.equals(seg, original) && seg.length <= 9999);
    // Re-declare the length so the damage reaches the CRC check instead of stopping at the length check.
    byte[] frame = concat(String.format("##%04d", seg.length).getBytes(StandardCharsets.US_ASCII), seg,
        crc.getBytes(StandardCharsets.US_ASCII), new byte[] {'\r', '\n'});
    try {
      Hj212Frames.decode(frame, false);
      assertThat(Hj212Crc.hj212(seg, 0, seg.length)).as("accepted a changed segment under CRC %s", crc)
          .isEqualTo(Integer.parseInt(crc, 16));
    } catch (Hj212Exception e) {
      if (e.error() != Hj212Error.BAD_CRC) {
        // Only a genuine collision gets past the CRC to be refused later, by the parser.
        assertThat(Hj212Crc.hj212(seg, 0, seg.length)).as("%s", e.getMessage())
            .isEqualTo(Integer.parseInt(crc, 16));
      }
    }
  }

  // ---- (c) any chunking of a stream of valid frames yields exactly those frames ----

  @Property(tries = 1000)
  void givenAStreamOfValidFramesInRandomChunks_whenFramed_thenExactlyThoseFramesComeOut(
      @ForAll("streams") List<String> ids, @ForAll("chunkSizes") List<Integer> chunkSizes) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    ids.forEach(id -> stream.writeBytes(Hj212Samples.frameBytes(id)));
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = new ArrayList<>();
    for (byte[] chunk : chunk(stream.toByteArray(), chunkSizes)) {
      out.addAll(framer.feed(chunk));
    }
    assertThat(out).hasSize(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String line = Hj212Samples.line(id);
      assertThat(out.get(i)).isInstanceOfSatisfying(Hj212Framer.Frame.class, f -> {
        assertThat(f.segment()).isEqualTo(Hj212Samples.segment(id));
        assertThat(f.crcHex()).isEqualTo(line.substring(line.length() - 4));
      });
    }
    assertThat(framer.buffered()).isZero();
    assertThat(framer.midFrame()).isFalse();
  }

  @Property(tries = 1000)
  void givenValidFramesWithGarbageBetween_whenFramed_thenTheFramesComeOutAndOnlyGarbageIsReported(
      @ForAll("streams") List<String> ids, @ForAll("chunkSizes") List<Integer> chunkSizes,
      @ForAll("hashlessGarbage") List<byte[]> garbage) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    long garbageBytes = 0;
    for (int i = 0; i < ids.size(); i++) {
      byte[] g = garbage.get(i % garbage.size());
      stream.writeBytes(g);
      garbageBytes += g.length;
      stream.writeBytes(Hj212Samples.frameBytes(ids.get(i)));
    }
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<String> segments = new ArrayList<>();
    long reported = 0;
    for (byte[] chunk : chunk(stream.toByteArray(), chunkSizes)) {
      for (Hj212Framer.Result r : framer.feed(chunk)) {
        if (r instanceof Hj212Framer.Frame f) {
          segments.add(new String(f.segment(), StandardCharsets.UTF_8));
        } else {
          Hj212Framer.Error e = (Hj212Framer.Error) r;
          assertThat(e.reason()).isEqualTo(Hj212Error.GARBAGE);
          reported += e.bytes();
        }
      }
    }
    assertThat(segments).containsExactlyElementsOf(ids.stream()
        .map(id -> new String(Hj212Samples.segment(id), StandardCharsets.UTF_8)).toList());
    assertThat(reported).isEqualTo(garbageBytes);
  }

  // ---- generators ----

  @Provide
  Arbitrary<String> sampleIds() {
    return Arbitraries.of(List.copyOf(Hj212Samples.all().keySet()));
  }

  @Provide
  Arbitrary<String> validIds() {
    return Arbitraries.of(Hj212Samples.VALID);
  }

  @Provide
  Arbitrary<List<String>> streams() {
    return Arbitraries.of(List.copyOf(Hj212Samples.all().keySet())).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, Integer.MAX_VALUE),
        Arbitraries.bytes()).as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 8)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 300)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 5000))).list().ofMinSize(1).ofMaxSize(20);
  }

  @Provide
  Arbitrary<List<byte[]>> hashlessGarbage() {
    return Arbitraries.bytes().filter(b -> b != '#').array(byte[].class).ofMaxSize(50).list().ofMinSize(1)
        .ofMaxSize(4);
  }

  /** Random bytes, and bytes that look like a frame (## and digits, the protocol's punctuation) to get deeper in. */
  @Provide
  Arbitrary<byte[]> frameLikeBytes() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<String> body = Arbitraries.strings().withChars("#0123456789ABCDEFaf;=&,-\r\nQNSTCMPWFlagDt水")
        .ofMaxLength(200);
    Arbitrary<byte[]> headed = Combinators.combine(Arbitraries.integers().between(0, 9999), body)
        .as((n, s) -> (String.format("##%04d", n) + s).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> fitted = body.map(s -> Hj212Frames.frame("CN=2011;MN=M;" + s).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, headed, fitted);
  }

  private static List<byte[]> chunk(byte[] stream, List<Integer> sizes) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    int k = 0;
    while (i < stream.length) {
      int n = Math.min(sizes.get(k++ % sizes.size()), stream.length - i);
      out.add(Arrays.copyOfRange(stream, i, i + n));
      i += n;
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
