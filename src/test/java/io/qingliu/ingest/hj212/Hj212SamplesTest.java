package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every packet of samples.txt as its row in shared/data/hj212/README.md says it must parse or be refused. */
class Hj212SamplesTest {

  @Test
  void givenTheSampleFile_whenLoaded_thenItHolds28PacketsOf23Valid() {
    assertThat(Hj212Samples.all()).hasSize(28);
    assertThat(Hj212Samples.VALID).hasSize(23).allMatch(Hj212Samples.all()::containsKey);
  }

  /** id, ST, CN, Flag (empty: none), the HJ 212 CRC of the segment (README), valid, valid with the legacy switch. */
  @ParameterizedTest(name = "#{0}: ST={1} CN={2} Flag={3} CRC={4} valid={5} legacy={6}")
  @CsvSource({
      "1,  32,  1062, 5, 1C80, true,  true",
      "2,  21,  2011, 8, 7D00, true,  true",
      "3,  21,  2061, 9, 4C80, true,  true",
      "4,  32,  2011, 4, 6E80, true,  true",
      "5,  21,  2061,  , 6300, true,  true",
      "6,  21,  2011,  , F9C1, true,  true",
      "7,  21,  2011,  , 9301, true,  true",
      "8,  32,  2011,  , A141, true,  true",
      "9,  32,  2011,  , 4980, true,  true",
      "10, 32,  2011,  , 1DC0, true,  true",
      "11, 32,  2011,  , 3C00, false, false",
      "12, 91,  9014, 4, F001, true,  true",
      "13, 22,  9011, 4, CC01, true,  true",
      "14, 22,  2081, 5, 3AC0, true,  true",
      "15, 22,  2011, 5, F441, true,  true",
      "16, 22,  2051, 4, D641, true,  true",
      "17, 22,  2061, 5, C181, true,  true",
      "18, 101, 2011,  , 3300, true,  true",
      "19, 31,  2011,  , 0440, false, true",
      "20, 31,  2051,  , 6C00, false, true",
      "21, 32,  2011, 4, 2D00, false, false",
      "22, 31,  2051,  , D801, false, false",
      "C1, 32,  2011, 5, 6E80, true,  true",
      "C2, 91,  9014, 4, 3240, true,  true",
      "C3, 32,  2061, 5, B7C1, true,  true",
      "C4, 32,  2061, 7, D941, true,  true",
      "C5, 91,  9011, 4, 1B00, true,  true",
      "C6, 91,  9012, 4, 6240, true,  true",
  })
  void givenASample_whenDecoded_thenItMatchesItsReadmeRow(String id, String st, String cn, Integer flag, String crc,
      boolean valid, boolean validWithLegacy) throws Exception {
    String line = Hj212Samples.line(id);
    byte[] seg = Hj212Samples.segment(id);

    // Every sample's declared length is its segment's byte length (#20's 1623 included).
    assertThat(Integer.parseInt(line.substring(2, 6))).isEqualTo(seg.length);
    assertThat(Hj212Crc.toHex(Hj212Crc.hj212(seg, 0, seg.length))).isEqualTo(crc);

    // The header the README row gives is what the segment says, valid CRC or not.
    Hj212Packet parsed = Hj212Parser.parse(seg, 0, seg.length);
    assertThat(parsed.st()).isEqualTo(st);
    assertThat(parsed.cn()).isEqualTo(cn);
    assertThat(parsed.flag()).isEqualTo(flag);

    if (valid) {
      Hj212Packet p = Hj212Frames.decode(line, false);
      assertThat(p).isEqualTo(parsed);
      assertThat(Hj212Frames.decode(line + "\r\n", false)).isEqualTo(parsed);
      assertThat(Hj212Frames.decodeDetailed(Hj212Samples.frameBytes(id), 0, Hj212Samples.frameBytes(id).length, true)
          .crc()).isEqualTo(Hj212Crc.CrcCheck.OK);
    } else {
      assertThatThrownBy(() -> Hj212Frames.decode(line, false))
          .isInstanceOfSatisfying(Hj212Exception.class, e -> {
            assertThat(e.error()).isEqualTo(Hj212Error.BAD_CRC);
            assertThat(e.getMessage()).contains("expected " + crc);
          });
    }
    if (validWithLegacy && !valid) {
      Hj212Frames.Decoded d = Hj212Frames.decodeDetailed(Hj212Samples.frameBytes(id), 0,
          Hj212Samples.frameBytes(id).length, true);
      assertThat(d.crc()).isEqualTo(Hj212Crc.CrcCheck.LEGACY_MODBUS);
      assertThat(d.packet()).isEqualTo(parsed);
    } else if (!validWithLegacy) {
      assertThatThrownBy(() -> Hj212Frames.decode(line, true))
          .isInstanceOfSatisfying(Hj212Exception.class, e -> assertThat(e.error()).isEqualTo(Hj212Error.BAD_CRC));
    }
  }

  @Test
  void givenSample20Of1623Bytes_whenDecodedStrictly_thenRefusedForItsCrcNotItsLength() {
    String line = Hj212Samples.line("20");
    assertThat(line).startsWith("##1623");
    assertThatThrownBy(() -> Hj212Frames.decode(line, false))
        .isInstanceOfSatisfying(Hj212Exception.class, e -> {
          assertThat(e.error()).isEqualTo(Hj212Error.BAD_CRC);
          assertThat(e.detail()).isEqualTo("expected 6C00, given '0681'");
        });
  }

  @Test
  void givenSample20_whenLegacyAllowed_thenAllItsItemsParse() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("20"), true);
    assertThat(p.items()).hasSize(36);
    assertThat(p.item("a99949").fields()).containsExactly(Map.entry("Min", "0.000"), Map.entry("Avg", "0.000"),
        Map.entry("Max", "0.000"));
    assertThat(p.qn()).isEqualTo("20200924101500117");
    assertThat(p.flag()).isNull();
  }

  @Test
  void givenSamples11_21_22_whenDecodedEvenWithTheLegacySwitch_thenBadCrc() {
    for (String id : new String[] {"11", "21", "22"}) {
      assertThatThrownBy(() -> Hj212Frames.decode(Hj212Samples.line(id), true)).as(id)
          .isInstanceOfSatisfying(Hj212Exception.class, e -> assertThat(e.error()).isEqualTo(Hj212Error.BAD_CRC));
    }
  }

  @Test
  void givenSample2SurfaceWaterRealTime_whenDecoded_thenItsValuesAreRead() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("2"), false);
    assertThat(p.mn()).isEqualTo("ZLDSZ20210127");
    assertThat(p.qn()).isEqualTo("20210301111100112");
    assertThat(p.pw()).isEqualTo("123456");
    assertThat(p.dataTime()).isEqualTo("20210301111100");
    assertThat(p.items()).extracting(Hj212Packet.Item::code).containsExactly("w01001", "w01009", "w01010", "w01014",
        "w01003", "w21011", "w21001", "w21003", "w01019", "w01008", "w23002");
    assertThat(p.item("w01001").fields()).containsExactly(Map.entry("Rtd", "8.33"), Map.entry("Flag", "N"));
    assertThat(p.item("w21003").fields()).containsEntry("Rtd", "0.09055002");
    assertThat(p.item("w01014").fields()).containsEntry("Rtd", "1425");
    assertThat(p.cpFields()).isEmpty();
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.ackRequested()).isFalse();
    assertThat(p.split()).isFalse();
  }

  @Test
  void givenSample3SurfaceWaterHourly_whenDecoded_thenItsAveragesAreRead() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("3"), false);
    assertThat(p.mn()).isEqualTo("NM100000_0005");
    assertThat(p.cn()).isEqualTo("2061");
    assertThat(p.dataTime()).isEqualTo("20201129210001");
    assertThat(p.items()).hasSize(15);
    assertThat(p.item("w01009").fields()).containsExactly(Map.entry("Avg", "6.60"), Map.entry("Flag", "N"));
    assertThat(p.item("w20120").fields()).containsEntry("Avg", "0.00011");
    assertThat(p.item("w21011").fields()).containsEntry("Avg", "0.042");
    assertThat(p.item("w20122").fields()).containsEntry("Avg", "0.00005");
    assertThat(p.ackRequested()).isTrue();   // Flag=9 = 0b1001: version 2, A set
    assertThat(p.version()).isEqualTo(2);
  }

  @Test
  void givenSample4WithSampleTime_whenDecoded_thenFieldsKeepTheirOrder() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("4"), false);
    assertThat(p.item("w21001").fields()).containsExactly(Map.entry("SampleTime", "20210320005400"),
        Map.entry("Rtd", "45.160"), Map.entry("Flag", "N"));
    assertThat(p.item("w00000").fields()).containsEntry("Rtd", "181.682");
    assertThat(p.ackRequested()).isFalse();
    assertThat(p.version()).isEqualTo(1);
  }

  @Test
  void givenSample5With2005Header_whenDecoded_thenNoQnNoFlagAndCumulativesRead() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("5"), false);
    assertThat(p.qn()).isNull();
    assertThat(p.flag()).isNull();
    assertThat(p.version()).isEqualTo(-1);
    assertThat(p.ackRequested()).isFalse();
    assertThat(p.mn()).isEqualTo("chang000003");
    assertThat(p.item("w01001").fields()).containsExactly(Map.entry("Avg", "8.437"), Map.entry("Cou", "5711.829"),
        Map.entry("Max", "15.996"), Map.entry("Min", "1.014"));
  }

  @Test
  void givenSample9With2005Codes_whenDecoded_thenB01And011And060AreItems() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("9"), false);
    assertThat(p.mn()).isEqualTo("LD130133000015");
    assertThat(p.qn()).isNull();
    assertThat(p.flag()).isNull();
    assertThat(p.dataTime()).isEqualTo("20160824003817000");   // 17 digits, kept as sent
    assertThat(p.items()).extracting(Hj212Packet.Item::code).containsExactly("B01", "011", "060");
    assertThat(p.item("B01").fields()).containsExactly(Map.entry("Rtd", "36.91"));
    assertThat(p.item("011").fields()).containsExactly(Map.entry("Rtd", "231.0"), Map.entry("Flag", "N"));
    assertThat(p.item("060").fields()).containsExactly(Map.entry("Rtd", "1.803"), Map.entry("Flag", "N"));
  }

  @Test
  void givenSample10WithLowerCaseCrc_whenDecoded_thenAccepted() throws Exception {
    assertThat(Hj212Samples.line("10")).endsWith("1dc0");
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("10"), false);
    assertThat(p.pw()).isEqualTo("000000");
    assertThat(p.items()).extracting(Hj212Packet.Item::code).containsExactly("011", "B01", "060");
  }

  @Test
  void givenControlPackets_whenDecoded_thenTheirCpKeysAreCpFields() throws Exception {
    Hj212Packet p1 = Hj212Frames.decode(Hj212Samples.line("1"), false);
    assertThat(p1.cpFields()).containsExactly(Map.entry("RtdInterval", "30"));
    assertThat(p1.items()).isEmpty();
    assertThat(p1.dataTime()).isNull();
    assertThat(p1.mn()).isEqualTo("010000A8900016F000169DC0");

    Hj212Packet p12 = Hj212Frames.decode(Hj212Samples.line("12"), false);
    assertThat(p12.cpRaw()).isEmpty();
    assertThat(p12.items()).isEmpty();
    assertThat(p12.cpFields()).isEmpty();

    assertThat(Hj212Frames.decode(Hj212Samples.line("13"), false).cpFields()).containsExactly(Map.entry("QnRtn", "1"));
    Hj212Packet p14 = Hj212Frames.decode(Hj212Samples.line("14"), false);
    assertThat(p14.cpFields()).containsExactly(Map.entry("RestartTime", "20231007130452"));
    assertThat(p14.dataTime()).isEqualTo("20231008130452");
    assertThat(Hj212Frames.decode(Hj212Samples.line("C6"), false).cpFields())
        .containsExactly(Map.entry("ExeRtn", "1"));
  }

  @Test
  void givenSample18WithProvincialCodes_whenDecoded_thenUnknownCodesAreKept() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("18"), false);
    assertThat(p.st()).isEqualTo("101");
    assertThat(p.item("ua19004").fields()).containsEntry("Rtd", "2.017");
  }

  @Test
  void givenStandardExampleC1_whenDecoded_thenEFlagAndSampleTimeAreKept() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("C1"), false);
    assertThat(p.item("w01018").fields()).containsExactly(Map.entry("SampleTime", "20160801070000"),
        Map.entry("Rtd", "2.2"), Map.entry("Flag", "N"), Map.entry("EFlag", "A01"));
    assertThat(p.ackRequested()).isTrue();
    assertThat(p.version()).isEqualTo(1);
  }

  @Test
  void givenSplitSamples6And7WithoutFlag_whenDecoded_thenSplitWithTheirPartNumbers() throws Exception {
    Hj212Packet p6 = Hj212Frames.decode(Hj212Samples.line("6"), false);
    Hj212Packet p7 = Hj212Frames.decode(Hj212Samples.line("7"), false);
    assertThat(p6.flag()).isNull();
    assertThat(p6.split()).isTrue();
    assertThat(p6.pnum()).isEqualTo(2);
    assertThat(p6.pno()).isEqualTo(1);
    assertThat(p7.split()).isTrue();
    assertThat(p7.pnum()).isEqualTo(2);
    assertThat(p7.pno()).isEqualTo(2);
    assertThat(p6.mn()).isEqualTo(p7.mn());
    assertThat(p6.dataTime()).isEqualTo(p7.dataTime()).isEqualTo("20191225155200");
    assertThat(p7.items()).extracting(Hj212Packet.Item::code).containsExactly("w01019", "w01003");
  }

  @Test
  void givenSplitSampleC4WithFlag7_whenDecoded_thenSplitAckedAndNumbered() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("C4"), false);
    assertThat(p.flag()).isEqualTo(7);
    assertThat(p.split()).isTrue();
    assertThat(p.ackRequested()).isTrue();
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.pnum()).isEqualTo(2);
    assertThat(p.pno()).isEqualTo(1);
  }

  @Test
  void givenSample22WithFourDigitPartNumbers_whenParsed_thenTheyAreRead() throws Exception {
    byte[] seg = Hj212Samples.segment("22");
    Hj212Packet p = Hj212Parser.parse(seg, 0, seg.length);
    assertThat(p.split()).isTrue();
    assertThat(p.pnum()).isEqualTo(2);
    assertThat(p.pno()).isEqualTo(2);
    assertThat(p.item("a01006").fields()).containsEntry("ValidNum", "10").containsEntry("TotalNum", "10");
  }

  @Test
  void givenSampleC1_whenAnswered_thenTheAnswerIsSampleC2ByteForByte() throws Exception {
    Hj212Packet upload = Hj212Frames.decode(Hj212Samples.line("C1"), false);
    assertThat(Hj212Frames.dataAnswer(upload)).isEqualTo(Hj212Samples.line("C2") + "\r\n");
  }

  @Test
  void givenEverySample_whenItsSegmentIsReframed_thenTheValidOnesComeBackIdentical() {
    for (String id : Hj212Samples.VALID) {
      String line = Hj212Samples.line(id);
      String seg = new String(Hj212Samples.segment(id), StandardCharsets.UTF_8);
      assertThat(Hj212Frames.frame(seg)).as(id).isEqualToIgnoringCase(line + "\r\n");
    }
  }
}
