package io.qingliu.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.model.Parameter;
import io.qingliu.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The readings payload decoder: every problem named, every good value kept. */
class ReadingDecoderTest {

  final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T08:00:00Z"));
  final ReadingDecoder decoder = new ReadingDecoder(new TimeWindow(clock, 600, 400));

  ReadingDecoder.Decoded decode(String json) {
    return decoder.decode("S1", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void givenTheDocumentedPayload_thenEveryValueIsRead() {
    var d = decode("{\"ts\":\"2026-11-28T08:00:00Z\",\"values\":{\"ph\":7.31,\"do\":6.2,\"nh3n\":0.42,"
        + "\"codmn\":3.1,\"tp\":0.08,\"temp\":14.2}}");
    assertThat(d.rejects()).isEmpty();
    assertThat(d.readings()).singleElement().satisfies(r -> {
      assertThat(r.tsMillis()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z").toEpochMilli());
      assertThat(r.get(Parameter.NH3N)).isEqualTo(0.42);
      assertThat(r.has(Parameter.COD)).isFalse();
    });
  }

  @Test
  void givenHj212CodesAndAnOffsetAndEpochMillis_thenTheyAreAccepted() {
    var d = decode("[{\"ts\":\"2026-11-28T16:00:00+08:00\",\"values\":{\"w01001\":7.1,\"W21003\":1.2}},"
        + "{\"ts\":" + clock.millis() + ",\"values\":{\"w01009\":5}}]");
    assertThat(d.rejects()).isEmpty();
    assertThat(d.readings()).hasSize(2);
    assertThat(d.readings().get(0).get(Parameter.PH)).isEqualTo(7.1);
    assertThat(d.readings().get(0).get(Parameter.NH3N)).isEqualTo(1.2);
    assertThat(d.readings().get(1).get(Parameter.DO)).isEqualTo(5.0);
  }

  @Test
  void givenBrokenJsonAfterAGoodReading_thenTheGoodReadingIsKept() {
    var d = decode("[{\"ts\":\"2026-11-28T08:00:00Z\",\"values\":{\"ph\":7}}, {\"ts\": ");
    assertThat(d.readings()).hasSize(1);
    assertThat(d.rejects()).singleElement().extracting(Reject::reason).isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void givenBadValues_thenEachIsNamed_andTheRestOfTheReadingIsKept() {
    var d = decode("{\"ts\":\"2026-11-28T08:00:00Z\",\"values\":{\"ph\":NaN,\"do\":Infinity,\"tp\":\"0.1\","
        + "\"foo\":1,\"nh3n\":0.3}}");
    assertThat(d.readings()).singleElement().satisfies(r -> assertThat(r.get(Parameter.NH3N)).isEqualTo(0.3));
    assertThat(d.rejects()).extracting(Reject::reason).containsExactly(RejectReason.NOT_A_NUMBER,
        RejectReason.NOT_A_NUMBER, RejectReason.NOT_A_NUMBER, RejectReason.UNKNOWN_PARAMETER);
    assertThat(d.rejects().get(0).where()).isEqualTo("[0].values.ph");
  }

  @Test
  void givenAbsurdTimestamps_thenTheReadingsAreRefusedWithTheReason() {
    var d = decode("[{\"ts\":\"2027-01-01T00:00:00Z\",\"values\":{\"ph\":7}},"
        + "{\"ts\":\"1999-01-01T00:00:00Z\",\"values\":{\"ph\":7}},"
        + "{\"ts\":\"yesterday\",\"values\":{\"ph\":7}},"
        + "{\"ts\":\"2026-11-28T08:00:00\",\"values\":{\"ph\":7}},"
        + "{\"values\":{\"ph\":7}}]");
    assertThat(d.readings()).isEmpty();
    assertThat(d.rejects()).extracting(Reject::reason).containsExactly(RejectReason.TS_IN_FUTURE,
        RejectReason.TS_TOO_OLD, RejectReason.BAD_TS, RejectReason.BAD_TS, RejectReason.MISSING_TS);
    assertThat(d.rejects().get(0).where()).isEqualTo("[0].ts");
  }

  @Test
  void givenNotAReading_thenItSaysWhatWasExpected() {
    assertThat(decode("42").rejects()).singleElement().satisfies(r ->
        assertThat(r.detail()).contains("expected a JSON object or array"));
    assertThat(decode("").rejects()).singleElement().extracting(Reject::reason)
        .isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(decode("{\"ts\":\"2026-11-28T08:00:00Z\",\"values\":{}}").rejects()).singleElement()
        .extracting(Reject::reason).isEqualTo(RejectReason.NO_VALUES);
  }
}
