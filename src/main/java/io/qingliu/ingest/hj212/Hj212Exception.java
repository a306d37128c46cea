package io.qingliu.ingest.hj212;

/** An HJ 212 frame or data segment refused, with the reason and a detail naming the offending part. */
public final class Hj212Exception extends Exception {

  private static final long serialVersionUID = 1L;

  private final Hj212Error error;
  private final String detail;

  public Hj212Exception(Hj212Error error, String detail) {
    // No stack trace: refusals are an expected, possibly high-rate outcome (a garbage-spewing device), not a bug,
    // and the reason plus detail say everything a log line needs.
    super(error.description() + ": " + detail, null, false, false);
    this.error = error;
    this.detail = detail;
  }

  public Hj212Error error() {
    return error;
  }

  public String detail() {
    return detail;
  }
}
