// How long the database may keep a request waiting. Without limits, a stalled peer (a paused
// process holding row locks, a runaway query) makes every request behind it wait as long as it does.
// Set per connection on PostgreSQL (connection.ts); configurable through config.ts.

/** Milliseconds; 0 leaves the limit to the PostgreSQL server's own setting (off by default). */
export type DatabaseTimeouts = {
  /** A statement running longer is cancelled (57014). */
  statementMs: number;
  /** A statement waiting longer for a lock gives up (55P03), so a stalled peer cannot hold others up. */
  lockMs: number;
  /** A session idle inside a transaction longer is ended by the server, releasing its locks (25P03). */
  idleInTransactionMs: number;
  /** Waiting longer for a new connection, or for a free one from a full pool, fails the request. */
  connectMs: number;
};

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  statementMs: 60_000,
  lockMs: 10_000,
  idleInTransactionMs: 60_000,
  connectMs: 10_000,
};
