package io.qingliu.ingest;

/**
 * One refused item: a whole payload, a reading of a batch, or one value of a reading.
 *
 * @param where the JSON path of the refused item ({@code [2].values.ph}), or the topic
 */
public record Reject(RejectReason reason, String where, String detail) {

  /** The sentence the station gets back. */
  public String describe() {
    return where.isEmpty() ? reason.key() + ": " + detail : where + ": " + reason.key() + ": " + detail;
  }
}
