package io.qingliu.ingest;

import java.util.Locale;

/** Why something a station sent was refused; the lower-case name is the {@code reason} tag of the reject counter. */
public enum RejectReason {
  BAD_CREDENTIALS,
  UNKNOWN_STATION,
  NOT_AUTHORIZED,
  BAD_TOPIC,
  PAYLOAD_TOO_LARGE,
  MALFORMED_JSON,
  BAD_FRAME,
  BAD_CRC,
  MISSING_TS,
  BAD_TS,
  TS_IN_FUTURE,
  TS_TOO_OLD,
  UNKNOWN_PARAMETER,
  NOT_A_NUMBER,
  NO_VALUES,
  MISSING_STATION,
  UNKNOWN_FLAG,
  SERVER_BUSY,
  STORE_FAILED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
