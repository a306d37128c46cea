package io.qingliu.ingest;

/** A payload refused as a whole, with the reject that says why; no stack trace, it is an answer, not a fault. */
public final class RefusedException extends RuntimeException {

  private final transient Reject reject;

  public RefusedException(Reject reject) {
    super(reject.describe(), null, false, false);
    this.reject = reject;
  }

  public Reject reject() {
    return reject;
  }
}
