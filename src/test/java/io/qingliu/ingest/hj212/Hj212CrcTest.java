package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.ingest.hj212.Hj212Crc.CrcCheck;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hj212CrcTest {

  /** HJ 212-2017 Appendix A's worked example, the data segment only. */
  private static final byte[] STANDARD_VECTOR = ("QN=20160801085857223;ST=32;CN=1062;PW=100000;"
      + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&").getBytes(StandardCharsets.US_ASCII);

  @Test
  void givenTheStandardsWorkedVector_whenCrcComputed_thenItIs1C80() {
    assertThat(STANDARD_VECTOR).hasSize(101);
    assertThat(Hj212Crc.hj212(STANDARD_VECTOR, 0, STANDARD_VECTOR.length)).isEqualTo(0x1C80);
  }

  @Test
  void givenTheStandardsWorkedVector_whenModbusComputed_thenItIs0759() {
    assertThat(Hj212Crc.modbus(STANDARD_VECTOR, 0, STANDARD_VECTOR.length)).isEqualTo(0x0759);
  }

  @Test
  void givenTheFirstBytesOfTheVector_whenCrcComputed_thenTheRegisterRunsAsDomainMdTraces() {
    // FFFF -> BC81 ('Q') -> 8581 ('N') -> 7200 ('=')
    assertThat(Hj212Crc.hj212(STANDARD_VECTOR, 0, 1)).isEqualTo(0xBC81);
    assertThat(Hj212Crc.hj212(STANDARD_VECTOR, 0, 2)).isEqualTo(0x8581);
    assertThat(Hj212Crc.hj212(STANDARD_VECTOR, 0, 3)).isEqualTo(0x7200);
  }

  @Test
  void givenTheCheckStringOfCrcCatalogues_whenModbusComputed_thenItIs4B37() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Hj212Crc.modbus(check, 0, check.length)).isEqualTo(0x4B37);
  }

  @Test
  void givenAnOffsetSlice_whenCrcComputed_thenOnlyTheSliceCounts() {
    byte[] padded = new byte[STANDARD_VECTOR.length + 7];
    System.arraycopy(STANDARD_VECTOR, 0, padded, 3, STANDARD_VECTOR.length);
    assertThat(Hj212Crc.hj212(padded, 3, STANDARD_VECTOR.length)).isEqualTo(0x1C80);
  }

  @Test
  void givenTheVectorsCrcInEitherCase_whenChecked_thenOk() {
    int n = STANDARD_VECTOR.length;
    assertThat(Hj212Crc.check(STANDARD_VECTOR, 0, n, "1C80", false)).isEqualTo(CrcCheck.OK);
    assertThat(Hj212Crc.check(STANDARD_VECTOR, 0, n, "1c80", false)).isEqualTo(CrcCheck.OK);
    assertThat(Hj212Crc.check(STANDARD_VECTOR, 0, n, "1C80", true)).isEqualTo(CrcCheck.OK);
  }

  @Test
  void givenCrcDigitsThatAreNotFourHexDigits_whenChecked_thenBad() {
    int n = STANDARD_VECTOR.length;
    for (String s : new String[] {null, "", "1C8", "1C800", "+C80", "-C80", "1C8G", " 1C8", "１C80"}) {
      assertThat(Hj212Crc.check(STANDARD_VECTOR, 0, n, s, true)).as("'%s'", s).isEqualTo(CrcCheck.BAD);
    }
  }

  @Test
  void givenSample19WithModbusLowByteFirst_whenCheckedStrictly_thenBad() {
    byte[] seg = Hj212Samples.segment("19");
    assertThat(Hj212Crc.check(seg, 0, seg.length, "A6EC", false)).isEqualTo(CrcCheck.BAD);
  }

  @Test
  void givenSample19WithModbusLowByteFirst_whenLegacyAllowed_thenLegacyModbus() {
    byte[] seg = Hj212Samples.segment("19");
    assertThat(Hj212Crc.modbus(seg, 0, seg.length)).isEqualTo(0xECA6);
    assertThat(Hj212Crc.hj212(seg, 0, seg.length)).isEqualTo(0x0440);
    assertThat(Hj212Crc.check(seg, 0, seg.length, "A6EC", true)).isEqualTo(CrcCheck.LEGACY_MODBUS);
    assertThat(Hj212Crc.check(seg, 0, seg.length, "a6ec", true)).isEqualTo(CrcCheck.LEGACY_MODBUS);
  }

  @Test
  void givenModbusPrintedHighByteFirst_whenLegacyAllowed_thenStillBad() {
    byte[] seg = Hj212Samples.segment("19");
    assertThat(Hj212Crc.check(seg, 0, seg.length, "ECA6", true)).isEqualTo(CrcCheck.BAD);
  }

  @Test
  void givenAValue_whenHexed_thenFourUpperCaseDigits() {
    assertThat(Hj212Crc.toHex(0x1C80)).isEqualTo("1C80");
    assertThat(Hj212Crc.toHex(0x00c1)).isEqualTo("00C1");
  }
}
