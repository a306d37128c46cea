package io.qingliu.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hj212FramesTest {

  /** domain.md §2: our surface-water hourly upload with A=1, and the 9014 reply it requires. */
  private static final String DOMAIN_UPLOAD = "##0231QN=20240601100512345;ST=21;CN=2061;PW=123456;"
      + "MN=33010600000000000000A012;Flag=5;CP=&&DataTime=20240601090000;w01009-Avg=5.84,w01009-Flag=N;"
      + "w21003-Avg=1.32,w21003-Flag=N;w21011-Avg=0.187,w21011-Flag=N;w01001-Avg=7.62,w01001-Flag=N&&7A80";
  private static final String DOMAIN_ANSWER =
      "##0087QN=20240601100512345;ST=91;CN=9014;PW=123456;MN=33010600000000000000A012;Flag=4;CP=&&&&21C0";

  private static Hj212Exception refusal(String line) {
    try {
      Hj212Frames.decode(line, false);
    } catch (Hj212Exception e) {
      return e;
    }
    throw new AssertionError("accepted: " + line);
  }

  @Test
  void givenDomainMdsUpload_whenAnswered_thenThe9014FrameMatchesDomainMdByteForByte() throws Exception {
    Hj212Packet upload = Hj212Frames.decode(DOMAIN_UPLOAD, false);
    assertThat(upload.ackRequested()).isTrue();
    String answer = Hj212Frames.dataAnswer(upload);
    assertThat(answer.getBytes(StandardCharsets.US_ASCII))
        .isEqualTo((DOMAIN_ANSWER + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void givenThe9014Answer_whenDecoded_thenItIsAValidDataAnswerWithTheSameQn() throws Exception {
    Hj212Packet answer = Hj212Frames.decode(Hj212Frames.dataAnswer(Hj212Frames.decode(DOMAIN_UPLOAD, false)), false);
    assertThat(answer.qn()).isEqualTo("20240601100512345");
    assertThat(answer.st()).isEqualTo("91");
    assertThat(answer.cn()).isEqualTo("9014");
    assertThat(answer.flag()).isEqualTo(4);
    assertThat(answer.ackRequested()).isFalse();
    assertThat(answer.cpRaw()).isEmpty();
  }

  @Test
  void givenEachPartOfASplitUpload_whenAnswered_thenEachAnswerCarriesItsOwnQn() throws Exception {
    Hj212Packet part = Hj212Frames.decode(Hj212Samples.line("C4"), false);
    assertThat(Hj212Frames.dataAnswer(part)).startsWith("##0087QN=20160801085857534;ST=91;CN=9014;");
  }

  @Test
  void givenAnUploadWithoutQn_whenAnswered_thenTheAnswerLeavesQnOut() throws Exception {
    Hj212Packet p = Hj212Frames.decode(Hj212Samples.line("8"), false);
    String answer = Hj212Frames.dataAnswer(p);
    assertThat(answer).startsWith("##0050ST=91;CN=9014;PW=123456;MN=DM000001;Flag=4;CP=&&&&").endsWith("\r\n");
    assertThat(Hj212Frames.decode(answer, false).qn()).isNull();
  }

  @Test
  void givenAFrameWithOrWithoutCrLf_whenDecoded_thenBothAreAccepted() throws Exception {
    assertThat(Hj212Frames.decode(DOMAIN_UPLOAD, false)).isEqualTo(Hj212Frames.decode(DOMAIN_UPLOAD + "\r\n", false));
    byte[] b = (DOMAIN_UPLOAD + "\r\n").getBytes(StandardCharsets.US_ASCII);
    assertThat(Hj212Frames.decode(b, false).mn()).isEqualTo("33010600000000000000A012");
  }

  @Test
  void givenADeclaredLengthOtherThanTheSegment_whenDecoded_thenBadLengthWithBoth() {
    Hj212Exception e = refusal("##0232" + DOMAIN_UPLOAD.substring(6));
    assertThat(e.error()).isEqualTo(Hj212Error.BAD_LENGTH);
    assertThat(e.detail()).isEqualTo("declared 232, but the data segment is 231 bytes");
  }

  @Test
  void givenALengthCountingCharactersNotBytes_whenDecoded_thenBadLengthSaysSo() {
    String segment = "ST=21;CN=3020;PW=1;MN=M;CP=&&i12001-Info=水质正常&&";
    String good = Hj212Frames.frame(segment).trim();
    int chars = segment.length();
    Hj212Exception e = refusal(String.format("##%04d", chars) + good.substring(6));
    assertThat(e.error()).isEqualTo(Hj212Error.BAD_LENGTH);
    assertThat(e.detail()).contains("declared " + chars).contains((chars + 8) + " bytes").contains("counts bytes");
  }

  @Test
  void givenALengthThatIsNotDigits_whenDecoded_thenBadLength() {
    assertThat(refusal("##01a1" + DOMAIN_UPLOAD.substring(6)).error()).isEqualTo(Hj212Error.BAD_LENGTH);
    assertThat(refusal("##-231" + DOMAIN_UPLOAD.substring(6)).error()).isEqualTo(Hj212Error.BAD_LENGTH);
  }

  @Test
  void givenNoHeader_whenDecoded_thenBadHeader() {
    assertThat(refusal("").error()).isEqualTo(Hj212Error.BAD_HEADER);
    assertThat(refusal("\r\n").error()).isEqualTo(Hj212Error.BAD_HEADER);
    assertThat(refusal("#0231QN=1").error()).isEqualTo(Hj212Error.BAD_HEADER);
    assertThat(refusal(DOMAIN_UPLOAD.substring(1)).error()).isEqualTo(Hj212Error.BAD_HEADER);
    assertThat(refusal("##0000").error()).isEqualTo(Hj212Error.BAD_HEADER);
  }

  @Test
  void givenAnEmptySegmentWithItsCrc_whenDecoded_thenTheParserRefusesIt() {
    Hj212Exception e = refusal(Hj212Frames.frame(""));
    assertThat(e.error()).isEqualTo(Hj212Error.MISSING_FIELD);
  }

  @Test
  void givenADamagedSegment_whenDecoded_thenBadCrcWithExpectedAndGiven() {
    Hj212Exception e = refusal(DOMAIN_UPLOAD.replace("w21003-Avg=1.32", "w21003-Avg=0.32"));
    assertThat(e.error()).isEqualTo(Hj212Error.BAD_CRC);
    assertThat(e.detail()).matches("expected [0-9A-F]{4}, given '7A80'");
  }

  @Test
  void givenCrcDigitsThatAreNotHex_whenDecoded_thenBadCrc() {
    String body = DOMAIN_UPLOAD.substring(0, DOMAIN_UPLOAD.length() - 4);
    assertThat(refusal(body + "+A80").error()).isEqualTo(Hj212Error.BAD_CRC);
    assertThat(refusal(body + "7A8\n").error()).isEqualTo(Hj212Error.BAD_CRC);
  }

  @Test
  void givenAValidFrameWhoseSegmentIsBroken_whenDecoded_thenTheParsersErrorComesThrough() {
    assertThat(refusal(Hj212Frames.frame("ST=21;CN=2011;PW=1;CP=&&&&")).error()).isEqualTo(Hj212Error.MISSING_FIELD);
    assertThat(refusal(Hj212Frames.frame("ST=21;CN=2011;MN=M;CP=&&x")).error()).isEqualTo(Hj212Error.MALFORMED);
  }

  @Test
  void givenALongSegment_whenFramed_thenDecodedBack() throws Exception {
    String items = "w01001-Rtd=7.1,w01001-Flag=N;".repeat(300);
    String segment = "ST=21;CN=2011;PW=1;MN=M;CP=&&DataTime=20240601090000;" + items + "i12001-Rtd=0&&";
    String frame = Hj212Frames.frame(segment);
    assertThat(frame).startsWith("##" + segment.length());
    assertThat(Hj212Frames.decode(frame, false).item("i12001").fields()).containsEntry("Rtd", "0");
  }

  @Test
  void givenASegmentBeyond9999Bytes_whenFramed_thenRefused() {
    assertThatThrownBy(() -> Hj212Frames.frame("x".repeat(10_000))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenASliceOfALargerArray_whenDecoded_thenOnlyTheSliceCounts() throws Exception {
    byte[] inner = (DOMAIN_UPLOAD + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] outer = new byte[inner.length + 10];
    System.arraycopy(inner, 0, outer, 5, inner.length);
    assertThat(Hj212Frames.decodeDetailed(outer, 5, inner.length, false).packet().cn()).isEqualTo("2061");
  }
}
