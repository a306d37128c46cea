package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hj212ParserTest {

  private static Hj212Packet parse(String segment) throws Hj212Exception {
    byte[] b = segment.getBytes(StandardCharsets.UTF_8);
    return Hj212Parser.parse(b, 0, b.length);
  }

  private static void assertRefused(String segment, Hj212Error error, String detailPart) {
    assertThatThrownBy(() -> parse(segment)).as(segment)
        .isInstanceOfSatisfying(Hj212Exception.class, e -> {
          assertThat(e.error()).isEqualTo(error);
          assertThat(e.detail()).contains(detailPart);
          assertThat(e.getMessage()).startsWith(error.description());
        });
  }

  @Test
  void givenFieldsInAnUnusualOrder_whenParsed_thenEachIsReadByKey() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=ABC;Flag=5;PW=9;ST=21;QN=1;CP=&&DataTime=20240601090000;w01001-Rtd=7.1&&");
    assertThat(p.cn()).isEqualTo("2011");
    assertThat(p.mn()).isEqualTo("ABC");
    assertThat(p.st()).isEqualTo("21");
    assertThat(p.pw()).isEqualTo("9");
    assertThat(p.qn()).isEqualTo("1");
    assertThat(p.flag()).isEqualTo(5);
    assertThat(p.item("w01001").fields()).containsExactly(Map.entry("Rtd", "7.1"));
  }

  @Test
  void givenUnknownHeaderFieldsAndCpFollowedByAField_whenParsed_thenTolerated() throws Exception {
    Hj212Packet p = parse("ST=21;Foo=bar;CN=2011;PW=1;MN=M;CP=&&DataTime=1&&;Flag=4;");
    assertThat(p.flag()).isEqualTo(4);
    assertThat(p.dataTime()).isEqualTo("1");
  }

  @Test
  void givenOnlyMnCnAndCp_whenParsed_thenTheRestIsNull() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&&&");
    assertThat(p.qn()).isNull();
    assertThat(p.st()).isNull();
    assertThat(p.pw()).isNull();
    assertThat(p.flag()).isNull();
    assertThat(p.pnum()).isNull();
    assertThat(p.pno()).isNull();
    assertThat(p.dataTime()).isNull();
    assertThat(p.split()).isFalse();
  }

  @Test
  void givenNoMn_whenParsed_thenMissingField() {
    assertRefused("ST=21;CN=2011;PW=1;CP=&&&&", Hj212Error.MISSING_FIELD, "MN");
    assertRefused("ST=21;CN=2011;PW=1;MN=;CP=&&&&", Hj212Error.MISSING_FIELD, "MN");
  }

  @Test
  void givenNoCn_whenParsed_thenMissingField() {
    assertRefused("ST=21;PW=1;MN=M;CP=&&&&", Hj212Error.MISSING_FIELD, "CN");
  }

  @Test
  void givenNoCp_whenParsed_thenMissingField() {
    assertRefused("ST=21;CN=2011;MN=M", Hj212Error.MISSING_FIELD, "CP");
  }

  @Test
  void givenACpNotWrappedInAmpersands_whenParsed_thenMalformed() {
    assertRefused("CN=2011;MN=M;CP=DataTime=1", Hj212Error.MALFORMED, "wrapped");
    assertRefused("CN=2011;MN=M;CP=&&DataTime=1", Hj212Error.MALFORMED, "closing");
    assertRefused("CN=2011;MN=M;CP=&&DataTime=1&&x", Hj212Error.MALFORMED, "closing");
  }

  @Test
  void givenBrokenSyntax_whenParsed_thenMalformed() {
    assertRefused("CN=2011;MN=M;garbage;CP=&&&&", Hj212Error.MALFORMED, "garbage");
    assertRefused("CN=2011;MN=M;=x;CP=&&&&", Hj212Error.MALFORMED, "KEY=value");
    assertRefused("CN=2011;MN=M;CP=&&w01001-Rtd&&", Hj212Error.MALFORMED, "w01001-Rtd");
    assertRefused("CN=2011;MN=M;CP=&&-Rtd=1&&", Hj212Error.MALFORMED, "-Rtd");
    assertRefused("CN=2011;MN=M;CP=&&w01001-=1&&", Hj212Error.MALFORMED, "w01001-");
    assertRefused("CN=2011;MN=M;CP=&&=1&&", Hj212Error.MALFORMED, "key=value");
  }

  @Test
  void givenAFlagThatIsNotAByteNumber_whenParsed_thenMalformed() {
    assertRefused("CN=2011;MN=M;Flag=x;CP=&&&&", Hj212Error.MALFORMED, "Flag");
    assertRefused("CN=2011;MN=M;Flag=;CP=&&&&", Hj212Error.MALFORMED, "Flag");
    assertRefused("CN=2011;MN=M;Flag=-1;CP=&&&&", Hj212Error.MALFORMED, "Flag");
    assertRefused("CN=2011;MN=M;Flag=256;CP=&&&&", Hj212Error.MALFORMED, "Flag");
    assertRefused("CN=2011;MN=M;Flag=99999999999;CP=&&&&", Hj212Error.MALFORMED, "Flag");
  }

  @Test
  void givenInconsistentPartNumbers_whenParsed_thenMalformed() {
    assertRefused("CN=2011;MN=M;PNUM=2;PNO=3;CP=&&&&", Hj212Error.MALFORMED, "PNO=3");
    assertRefused("CN=2011;MN=M;PNUM=2;PNO=0;CP=&&&&", Hj212Error.MALFORMED, "PNO=0");
    assertRefused("CN=2011;MN=M;PNO=1;CP=&&&&", Hj212Error.MALFORMED, "PNO without PNUM");
    assertRefused("CN=2011;MN=M;PNUM=2;CP=&&&&", Hj212Error.MALFORMED, "PNUM without PNO");
    assertRefused("CN=2011;MN=M;PNUM=two;PNO=1;CP=&&&&", Hj212Error.MALFORMED, "PNUM");
  }

  @Test
  void givenAKeyRepeatedWithAnotherValue_whenParsed_thenMalformed() {
    assertRefused("CN=2011;MN=M;MN=N;CP=&&&&", Hj212Error.MALFORMED, "MN");
    assertRefused("CN=2011;MN=M;CP=&&DataTime=1;DataTime=2&&", Hj212Error.MALFORMED, "DataTime");
    assertRefused("CN=2011;MN=M;CP=&&a-Rtd=1,a-Rtd=2&&", Hj212Error.MALFORMED, "a-Rtd");
  }

  @Test
  void givenAKeyRepeatedWithTheSameValue_whenParsed_thenTolerated() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;MN=M;CP=&&a-Rtd=1,a-Rtd=1&&");
    assertThat(p.item("a").fields()).containsExactly(Map.entry("Rtd", "1"));
  }

  @Test
  void givenKeysWithSeveralDashes_whenParsed_thenSplitAtTheLastDash() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&x-y-Rtd=3,x-y-Flag=N&&");
    assertThat(p.items()).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("x-y");
      assertThat(i.fields()).containsExactly(Map.entry("Rtd", "3"), Map.entry("Flag", "N"));
    });
  }

  @Test
  void givenUnknownSuffixesAndCodes_whenParsed_thenKept() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&w01001-ZsRtd=1.5,w01001-Foo=bar,w01001-Info=a=b;i12001-Rtd=0&&");
    assertThat(p.item("w01001").fields()).containsExactly(Map.entry("ZsRtd", "1.5"), Map.entry("Foo", "bar"),
        Map.entry("Info", "a=b"));
    assertThat(p.item("i12001").fields()).containsEntry("Rtd", "0");
  }

  @Test
  void givenOneCodeInTwoItems_whenParsed_thenOneItemHoldsBoth() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&a-Rtd=1;b-Rtd=2;a-Flag=N&&");
    assertThat(p.items()).extracting(Hj212Packet.Item::code).containsExactly("a", "b");
    assertThat(p.item("a").fields()).containsExactly(Map.entry("Rtd", "1"), Map.entry("Flag", "N"));
  }

  @Test
  void givenEmptyItemsAndAnEmptyValue_whenParsed_thenTolerated() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&DataTime=1;;a-Rtd=,a-Flag=N;&&");
    assertThat(p.item("a").fields()).containsExactly(Map.entry("Rtd", ""), Map.entry("Flag", "N"));
  }

  @Test
  void givenCpKeysWithoutADash_whenParsed_thenTheyAreCpFieldsNotItems() throws Exception {
    Hj212Packet p = parse("CN=9011;MN=M;CP=&&QnRtn=1;RtdInterval=30&&");
    assertThat(p.cpFields()).containsExactly(Map.entry("QnRtn", "1"), Map.entry("RtdInterval", "30"));
    assertThat(p.items()).isEmpty();
    assertThat(p.cpRaw()).isEqualTo("QnRtn=1;RtdInterval=30");
  }

  @Test
  void givenACpEndingInAnAmpersand_whenParsed_thenTheClosingIsTheOneAtTheEnd() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&Info=R&D&&");
    assertThat(p.cpFields()).containsEntry("Info", "R&D");
    assertThat(parse("CN=2011;MN=M;CP=&&Info=R&&&").cpFields()).containsEntry("Info", "R&");
  }

  @Test
  void givenChineseUtf8Text_whenParsed_thenItIsReadAsText() throws Exception {
    Hj212Packet p = parse("CN=3020;MN=M;CP=&&i12001-Info=水质正常&&");
    assertThat(p.item("i12001").fields()).containsEntry("Info", "水质正常");
  }

  @Test
  void givenBytesThatAreNotUtf8_whenParsed_thenMalformed() {
    byte[] b = "CN=2011;MN=M;CP=&&i12001-Info=??&&".getBytes(StandardCharsets.US_ASCII);
    b[30] = (byte) 0xD6;   // 中 in GBK: a lead byte not followed by a continuation byte, so not UTF-8
    b[31] = (byte) 0xD0;
    assertThatThrownBy(() -> Hj212Parser.parse(b, 0, b.length))
        .isInstanceOfSatisfying(Hj212Exception.class, e -> assertThat(e.error()).isEqualTo(Hj212Error.MALFORMED));
  }

  @Test
  void givenASliceOfALargerArray_whenParsed_thenOnlyTheSliceIsRead() throws Exception {
    byte[] b = "xxCN=2011;MN=M;CP=&&&&yy".getBytes(StandardCharsets.US_ASCII);
    assertThat(Hj212Parser.parse(b, 2, b.length - 4).mn()).isEqualTo("M");
  }

  @Test
  void givenFlags_whenAsked_thenAckSplitAndVersionFollowTheBits() throws Exception {
    record Case(String flag, boolean ack, boolean split, int version) {}
    for (Case c : new Case[] {new Case("0", false, false, 0), new Case("1", true, false, 0),
        new Case("4", false, false, 1), new Case("5", true, false, 1), new Case("6", false, true, 1),
        new Case("7", true, true, 1), new Case("8", false, false, 2), new Case("9", true, false, 2)}) {
      Hj212Packet p = parse("CN=2011;MN=M;Flag=" + c.flag + ";CP=&&&&");
      assertThat(p.ackRequested()).as("Flag=%s A", c.flag).isEqualTo(c.ack);
      assertThat(p.split()).as("Flag=%s D", c.flag).isEqualTo(c.split);
      assertThat(p.version()).as("Flag=%s version", c.flag).isEqualTo(c.version);
    }
  }

  @Test
  void givenAParsedPacket_whenItsCollectionsAreModified_thenRefused() throws Exception {
    Hj212Packet p = parse("CN=2011;MN=M;CP=&&a-Rtd=1;X=1&&");
    assertThatThrownBy(() -> p.items().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.item("a").fields().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.cpFields().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void givenADetailQuotingDeviceText_whenRefused_thenControlCharactersAreMaskedAndLongTextClipped() {
    assertRefused("CN=2011;MN=M;ab\r\ncd;CP=&&&&", Hj212Error.MALFORMED, "ab??cd");
    String longField = "z".repeat(100);
    assertThatThrownBy(() -> parse("CN=2011;MN=M;" + longField + ";CP=&&&&"))
        .isInstanceOfSatisfying(Hj212Exception.class, e -> assertThat(e.detail()).hasSizeLessThan(80));
  }
}
