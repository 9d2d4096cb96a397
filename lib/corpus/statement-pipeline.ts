/**
 * Write statements of one transaction, sent without waiting for each: up to
 * `depth` are outstanding at once, queued in order on the transaction's one
 * connection. PostgreSQL then goes from one INSERT to the next without waiting
 * for Node, and Node splits and serialises the next rows meanwhile; `depth`
 * bounds the rows held in memory. Each outcome is captured as soon as the
 * statement is sent, so a failure is never an unhandled rejection; the first
 * one is thrown by the next `send` or `drain`.
 */
export type StatementPipeline = {
  /** Starts the statement once fewer than `depth` are outstanding. */
  send: (start: () => PromiseLike<unknown>) => Promise<void>;
  /** Waits for every statement sent: call before a query whose result is needed. */
  drain: () => Promise<void>;
  /** Waits for the statements still running, ignoring their outcome, before a rollback. */
  abandon: () => Promise<void>;
};

export function statementPipeline(depth: number): StatementPipeline {
  const outstanding: Promise<{ error: unknown } | null>[] = [];
  const settleOldest = async () => {
    const outcome = await outstanding.shift();
    if (outcome) throw outcome.error;
  };
  return {
    async send(start) {
      while (outstanding.length >= depth) await settleOldest();
      outstanding.push(
        Promise.resolve(start()).then(
          () => null,
          (error: unknown) => ({ error }),
        ),
      );
    },
    async drain() {
      while (outstanding.length > 0) await settleOldest();
    },
    async abandon() {
      await Promise.all(outstanding.splice(0));
    },
  };
}
