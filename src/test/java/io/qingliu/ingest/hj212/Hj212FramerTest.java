package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hj212FramerTest {

  private static final int BOUND = 2 + 4 + 9999 + 4 + 2;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static List<Hj212Framer.Frame> frames(List<Hj212Framer.Result> results) {
    List<Hj212Framer.Frame> out = new ArrayList<>();
    for (Hj212Framer.Result r : results) {
      if (r instanceof Hj212Framer.Frame f) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<Hj212Error> errors(List<Hj212Framer.Result> results) {
    List<Hj212Error> out = new ArrayList<>();
    for (Hj212Framer.Result r : results) {
      if (r instanceof Hj212Framer.Error e) {
        out.add(e.reason());
      }
    }
    return out;
  }

  private static void assertIsSample(Hj212Framer.Result r, String id) {
    assertThat(r).isInstanceOfSatisfying(Hj212Framer.Frame.class, f -> {
      assertThat(f.segment()).isEqualTo(Hj212Samples.segment(id));
      String line = Hj212Samples.line(id);
      assertThat(f.crcHex()).isEqualTo(line.substring(line.length() - 4));
    });
  }

  @Test
  void givenTwoFramesInOneChunk_whenFed_thenBothComeOutInOrder() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(concat(Hj212Samples.frameBytes("1"), Hj212Samples.frameBytes("C1")));
    assertThat(out).hasSize(2);
    assertIsSample(out.get(0), "1");
    assertIsSample(out.get(1), "C1");
    assertThat(framer.buffered()).isZero();
    assertThat(framer.midFrame()).isFalse();
  }

  @Test
  void givenOneFrameInOneByteChunks_whenFed_thenItComesOutWithTheLastByteOnly() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    byte[] frame = Hj212Samples.frameBytes("3");
    for (int i = 0; i < frame.length - 1; i++) {
      assertThat(framer.feed(new byte[] {frame[i]})).as("byte %d", i).isEmpty();
      assertThat(framer.buffered()).isEqualTo(i + 1);
      assertThat(framer.midFrame()).isEqualTo(i >= 1);
    }
    List<Hj212Framer.Result> out = framer.feed(new byte[] {frame[frame.length - 1]});
    assertThat(out).hasSize(1);
    assertIsSample(out.get(0), "3");
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void givenGarbageBeforeAFrame_whenFed_thenOneGarbageReportWithTheCountThenTheFrame() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(concat(bytes("AT+OK\r\n#x#\r\n"), Hj212Samples.frameBytes("2")));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(new Hj212Framer.Error(Hj212Error.GARBAGE,
        "12 bytes before a ## header discarded", 12));
    assertIsSample(out.get(1), "2");
  }

  @Test
  void givenGarbageSpanningChunks_whenFed_thenEachFeedReportsWhatItDiscarded() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    assertThat(framer.feed(bytes("abc"))).containsExactly(new Hj212Framer.Error(Hj212Error.GARBAGE,
        "3 bytes before a ## header discarded", 3));
    assertThat(framer.feed(bytes("de#"))).extracting(r -> ((Hj212Framer.Error) r).bytes()).containsExactly(2);
    assertThat(framer.buffered()).isEqualTo(1);   // the '#' may start a "##"
    assertThat(framer.midFrame()).isFalse();
    List<Hj212Framer.Result> out = framer.feed(concat(bytes("f"), Hj212Samples.frameBytes("12")));
    assertThat(out.get(0)).isEqualTo(new Hj212Framer.Error(Hj212Error.GARBAGE,
        "2 bytes before a ## header discarded", 2));
    assertIsSample(out.get(1), "12");
  }

  @Test
  void givenAHashSplitAcrossChunks_whenFed_thenTheFrameIsFound() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    byte[] frame = Hj212Samples.frameBytes("13");
    assertThat(framer.feed(new byte[] {'#'})).isEmpty();
    List<Hj212Framer.Result> out = framer.feed(java.util.Arrays.copyOfRange(frame, 1, frame.length));
    assertThat(out).hasSize(1);
    assertIsSample(out.get(0), "13");
  }

  @Test
  void givenABadLengthThenAGoodFrame_whenFed_thenBadLengthReportedAndTheFrameRecovered() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(concat(bytes("##01x1QN=1;CN=2011\r\n"),
        Hj212Samples.frameBytes("C5")));
    assertThat(errors(out)).containsExactly(Hj212Error.BAD_LENGTH, Hj212Error.GARBAGE);
    assertThat(((Hj212Framer.Error) out.get(0)).detail()).isEqualTo("length field '01x' is not 4 decimal digits");
    assertThat(((Hj212Framer.Error) out.get(1)).bytes()).isEqualTo(20);
    assertThat(frames(out)).hasSize(1);
    assertIsSample(out.get(2), "C5");
  }

  @Test
  void givenJunkRightAfterTheHashes_whenFed_thenBadLengthAtOnceWithoutWaiting() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(bytes("##Q"));
    assertThat(errors(out)).containsExactly(Hj212Error.BAD_LENGTH, Hj212Error.GARBAGE);
    assertThat(framer.midFrame()).isFalse();
  }

  @Test
  void givenAFrameWithoutCrLfWhereItsLengthSaysThenAGoodFrame_whenFed_thenBadTerminatorAndTheFrameRecovered() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(concat(bytes("##0005ABCDEFGHIJ\r\n"), Hj212Samples.frameBytes("C6")));
    assertThat(errors(out)).containsExactly(Hj212Error.BAD_TERMINATOR, Hj212Error.GARBAGE);
    assertThat(((Hj212Framer.Error) out.get(0)).detail())
        .isEqualTo("declared 5 data bytes, but the frame's last two bytes are 'J\\x0D', not CR LF");
    assertIsSample(out.get(2), "C6");
  }

  @Test
  void givenATruncatedFrameFollowedByAGoodOne_whenFed_thenTheGoodOneIsFoundInsideTheBadOnesLength() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    String truncated = Hj212Samples.line("1").substring(0, 40);   // the device dropped the rest
    List<Hj212Framer.Result> out = framer.feed(concat(bytes(truncated), Hj212Samples.frameBytes("1")));
    assertThat(errors(out)).containsExactly(Hj212Error.BAD_TERMINATOR, Hj212Error.GARBAGE);
    assertThat(frames(out)).hasSize(1);
    assertIsSample(out.get(2), "1");
  }

  @Test
  void givenACrLfInsideTheDataSegment_whenFed_thenTheHeaderFramesItNotTheCrLf() {
    String segment = "ST=21;CN=3020;PW=1;MN=M;CP=&&i12001-Info=a\r\nb&&";
    Hj212Framer framer = new Hj212Framer(BOUND);
    List<Hj212Framer.Result> out = framer.feed(bytes(Hj212Frames.frame(segment)));
    assertThat(out).singleElement().isInstanceOfSatisfying(Hj212Framer.Frame.class,
        f -> assertThat(f.segment()).isEqualTo(bytes(segment)));
  }

  @Test
  void givenAFrameOver1024Bytes_whenFed_thenFramed() {
    List<Hj212Framer.Result> out = new Hj212Framer(BOUND).feed(Hj212Samples.frameBytes("20"));
    assertThat(out).hasSize(1);
    assertIsSample(out.get(0), "20");
  }

  @Test
  void givenAFrameLargerThanTheBound_whenFed_thenTooLongAndTheNextFrameStillFramed() {
    Hj212Framer framer = new Hj212Framer(200);
    List<Hj212Framer.Result> out = framer.feed(concat(Hj212Samples.frameBytes("3"), Hj212Samples.frameBytes("1")));
    assertThat(errors(out)).containsExactly(Hj212Error.TOO_LONG, Hj212Error.GARBAGE);
    assertThat(((Hj212Framer.Error) out.get(0)).detail()).isEqualTo(
        "declared 561 data bytes, a 573-byte frame; the limit is 200");
    assertIsSample(out.get(2), "1");
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void givenTenMegabytesWithoutHashHash_whenFed_thenTheBufferStaysBoundedAndAllIsReportedAsGarbage() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    Random random = new Random(212);
    long garbage = 0;
    long total = 0;
    byte previous = 0;
    while (total < 10_000_000) {
      byte[] chunk = new byte[1 + random.nextInt(70_000)];
      random.nextBytes(chunk);
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] == '#' && (i > 0 ? chunk[i - 1] : previous) == '#') {
          chunk[i] = 'x';
        }
      }
      previous = chunk[chunk.length - 1];
      total += chunk.length;
      for (Hj212Framer.Result r : framer.feed(chunk)) {
        assertThat(r).isInstanceOf(Hj212Framer.Error.class);
        Hj212Framer.Error e = (Hj212Framer.Error) r;
        assertThat(e.reason()).isEqualTo(Hj212Error.GARBAGE);
        garbage += e.bytes();
      }
      assertThat(framer.buffered()).isLessThanOrEqualTo(1);
      assertThat(framer.midFrame()).isFalse();
    }
    assertThat(garbage + framer.buffered()).isEqualTo(total);
  }

  @Test
  void givenTenMegabytesOfHeadersThatNeverComplete_whenFed_thenTheBufferNeverExceedsTheBound() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    byte[] chunk = bytes("##9999" + "x".repeat(4090));   // each header claims 9999 bytes; none ends in CR LF
    int maxSeen = 0;
    for (long total = 0; total < 10_000_000; total += chunk.length) {
      framer.feed(chunk);
      maxSeen = Math.max(maxSeen, framer.buffered());
      assertThat(framer.buffered()).isLessThanOrEqualTo(BOUND);
    }
    assertThat(maxSeen).isGreaterThan(BOUND / 2);   // it did buffer whole candidate frames, yet never more
  }

  @Test
  void givenTenMegabytesInOneChunk_whenFed_thenTheBufferStaysBounded() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    byte[] chunk = new byte[10_000_000];
    java.util.Arrays.fill(chunk, (byte) '0');
    List<Hj212Framer.Result> out = framer.feed(chunk);
    assertThat(out).containsExactly(new Hj212Framer.Error(Hj212Error.GARBAGE,
        "10000000 bytes before a ## header discarded", 10_000_000));
    assertThat(framer.buffered()).isZero();
  }

  @Test
  void givenHalfAFrame_whenFed_thenMidFrameUntilTheRestArrives() {
    Hj212Framer framer = new Hj212Framer(BOUND);
    byte[] frame = Hj212Samples.frameBytes("C3");
    int half = frame.length / 2;
    assertThat(framer.feed(frame, 0, half)).isEmpty();
    assertThat(framer.midFrame()).isTrue();
    assertThat(framer.buffered()).isEqualTo(half);
    List<Hj212Framer.Result> out = framer.feed(frame, half, frame.length - half);
    assertIsSample(out.get(0), "C3");
    assertThat(framer.midFrame()).isFalse();
  }

  @Test
  void givenABoundBelowTheSmallestFrame_whenCreated_thenTheSmallestFrameStillFits() {
    Hj212Framer framer = new Hj212Framer(3);
    assertThat(framer.maxFrameBytes()).isEqualTo(Hj212Framer.MIN_FRAME);
    assertThat(frames(framer.feed(bytes("##0000ABCD\r\n")))).singleElement()
        .satisfies(f -> assertThat(f.crcHex()).isEqualTo("ABCD"));
  }

  @Test
  void givenAFrameOfExactlyTheBound_whenFed_thenFramed() {
    byte[] frame = Hj212Samples.frameBytes("C1");
    assertThat(frames(new Hj212Framer(frame.length).feed(frame))).hasSize(1);
    assertThat(errors(new Hj212Framer(frame.length - 1).feed(frame))).startsWith(Hj212Error.TOO_LONG);
  }
}
