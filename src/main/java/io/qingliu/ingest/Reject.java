package io.qingliu.ingest;

/**
 * One refused item: a whole payload, a reading of a batch, or one value of a reading.
 *
 * @param item the index of the reading in its batch, or -1 when the whole payload is refused
 * @param where the JSON path of the refused item ({@code [2].values.ph}), or the topic
 */
public record Reject(RejectReason reason, int item, String where, String detail) {

  /** A reject of the whole payload or connection. */
  public Reject(RejectReason reason, String where, String detail) {
    this(reason, -1, where, detail);
  }

  /**
   * The JSON path of {@code field} in the item'th reading of a batch ({@code [2].ts}), or of the payload itself
   * ({@code ts}) when {@code item} is -1. Built only when something is refused: a path per reading read costs more
   * than parsing its timestamp.
   */
  public static String path(int item, String field) {
    return item < 0 ? field : "[" + item + "]." + field;
  }

  /** The first line of a parser's message: enough to say what broke, without echoing the payload back. */
  public static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }

  /** The sentence the station gets back. */
  public String describe() {
    return where.isEmpty() ? reason.key() + ": " + detail : where + ": " + reason.key() + ": " + detail;
  }
}
