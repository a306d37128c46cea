package io.qingliu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The fast ISO-8601 path must agree with java.time on everything, accepted or refused. */
class IsoInstantTest {

  static Long javaTime(String s) {
    try {
      return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s)).toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  static Long ours(String s) {
    try {
      return IsoInstant.parseMillis(s);
    } catch (DateTimeException e) {
      return null;
    }
  }

  @Property(tries = 3000)
  void givenAnyInstantAndOffset_whenFormatted_thenBothParsersAgree(
      @ForAll @LongRange(min = -2_000_000_000_000L, max = 4_000_000_000_000L) long millis,
      @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours,
      @ForAll @IntRange(min = 0, max = 3) int fraction) {
    OffsetDateTime t = Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 900));
    // Three X: the offset as Z at UTC, ±HH:mm elsewhere, as stations send it.
    String pattern = "yyyy-MM-dd'T'HH:mm:ss" + (fraction == 0 ? "" : "." + "S".repeat(fraction * 3 - 2))
        + "X".repeat(3);
    String text = t.format(DateTimeFormatter.ofPattern(pattern));
    assertThat(ours(text)).as(text).isEqualTo(javaTime(text));
  }

  @Property(tries = 3000)
  void givenMangledTimes_thenBothParsersAcceptAndRefuseTheSame(
      @ForAll @StringLength(min = 0, max = 3) String junk, @ForAll @IntRange(min = 0, max = 28) int at) {
    String base = "2026-02-28T23:59:59.123+08:00";
    int i = Math.min(at, base.length());
    String text = base.substring(0, i) + junk + base.substring(Math.min(base.length(), i + junk.length()));
    assertThat(ours(text)).as(text).isEqualTo(javaTime(text));
  }

  @Test
  void givenImpossibleDates_thenTheyAreRefused() {
    assertThatThrownBy(() -> IsoInstant.parseMillis("2026-02-29T00:00:00Z")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstant.parseMillis("2026-11-28T24:00:00Z")).isInstanceOf(DateTimeException.class);
    assertThat(IsoInstant.parseMillis("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z")
        .toEpochMilli());
  }
}
