package io.qingliu.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV fields: RFC 4180 quoting and spreadsheet formula injection. */
class AlertCsvTest {

  @Test
  void givenPlainText_thenItIsWrittenAsIs() {
    assertThat(AlertCsv.text("一号微站")).isEqualTo("一号微站");
    assertThat(AlertCsv.text(null)).isEmpty();
  }

  @Test
  void givenCommasQuotesOrLineBreaks_thenTheFieldIsQuotedAndQuotesDoubled() {
    assertThat(AlertCsv.text("a,b")).isEqualTo("\"a,b\"");
    assertThat(AlertCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AlertCsv.text("line1\nline2")).isEqualTo("\"line1\nline2\"");
    assertThat(AlertCsv.text("cr\rlf")).isEqualTo("\"cr\rlf\"");
  }

  @Test
  void givenTextAFormulaCouldStartWith_thenAnApostropheDefusesIt() {
    for (String s : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\tx"}) {
      assertThat(AlertCsv.text(s)).as(s).isEqualTo("'" + s);
    }
    assertThat(AlertCsv.text("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    assertThat(AlertCsv.text("a=b")).as("only a leading character starts a formula").isEqualTo("a=b");
  }

  @Test
  void givenANegativeValue_whenWritten_thenTheNumberStaysANumber() {
    String csv = new AlertCsv(ZoneId.of("Asia/Shanghai")).write(List.of(new JsonObject().put("id", 7)
        .put("stationId", "S1").put("value", -0.5).put("openedAt", "2026-11-28T16:00:00Z")));
    String row = csv.split("\r\n")[1];
    assertThat(row).startsWith("7,S1,,,,,,-0.5,,,,,2026-11-29T00:00:00+08:00,");
  }
}
