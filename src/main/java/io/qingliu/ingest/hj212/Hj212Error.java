package io.qingliu.ingest.hj212;

/** Why an HJ 212 frame or data segment was refused. Each value has a short English description for logs. */
public enum Hj212Error {
  GARBAGE("bytes outside any frame (before a ## header), discarded"),
  BAD_HEADER("the frame does not start with ## and a 4-digit length"),
  BAD_LENGTH("the 4-digit length is not a decimal number or does not match the data segment"),
  BAD_TERMINATOR("no CR LF where the declared length puts the end of the frame"),
  TOO_LONG("the declared frame is larger than this receiver accepts"),
  BAD_CRC("the CRC is not the HJ 212 CRC of the data segment"),
  MALFORMED("the data segment's syntax is broken"),
  MISSING_FIELD("a required field (MN, CN or CP) is missing or empty");

  private final String description;

  Hj212Error(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
