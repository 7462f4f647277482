// Opens the database: a pg pool on PostgreSQL when DATABASE_URL is set, otherwise an embedded
// PGlite served on a loopback port by pglite-socket, so that `pg` stays the only driver and
// every query runs the same code path on both engines.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from './timeouts.js';

// bigint (count(*), identity ids, byte sizes) and numeric (sum() over bigint) come back as strings by
// default; we want numbers, and ours stay far below 2^53. No table has a numeric column: form values
// are text. timestamptz needs nothing here: pg's own parser already returns a Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  pool: pg.Pool;
  engine: 'postgres' | 'pglite';
  close: () => Promise<void>;
};

export type OpenOptions = {
  databaseUrl?: string;
  /** Folder for PGlite's files; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Connections to PostgreSQL; PGlite always has one (openPglite says why). */
  poolSize?: number;
  /** Server-side limits for each PostgreSQL connection (PGlite has no timers to enforce them). */
  timeouts?: DatabaseTimeouts;
  /** Told when a connection is lost (the server restarted, failed over or ended it); defaults to console.warn. */
  onConnectionLost?: (err: Error) => void;
  /**
   * Name frequent statements (StatementNames; default true). Off, every query is parsed and planned
   * each time: for a pooler that lends a server connection per transaction and cannot carry named
   * statements across (PgBouncer before 1.22, docs/DEPLOY.md).
   */
  preparedStatements?: boolean;
};

/**
 * A lost connection must never end the process. pg's Client emits 'error' when its connection
 * dies; pg-pool listens for it only while the client is idle in the pool, so a client checked out
 * by a request (mid-query or idle in a transaction) would emit it with no listener, and Node
 * treats that as an uncaught exception. Every client gets a listener of its own when it connects;
 * the query under way fails, the request answers 503 (http/pg-errors.ts), and the pool discards
 * the dead client when it is released.
 */
function survivesLostConnections(pool: pg.Pool, onLost: (err: Error) => void) {
  pool.on('error', onLost); // an idle client lost
  pool.on('connect', (client) => client.on('error', onLost)); // a checked-out one
}

const warnLost = (err: Error) => console.warn(`database connection lost: ${err.message}`);

/**
 * Names for the statements the app runs again and again, so that each connection parses and plans
 * them once and then only binds and executes them (a named prepared statement). For a query that
 * joins a few tables, planning costs PostgreSQL several times what executing it does: the session
 * lookup every request makes takes ~0.38 ms of its CPU unprepared and ~0.04 ms prepared.
 * Kysely puts every value into a parameter, so the texts are few; a text is named once it has been
 * seen twice, and at most MAX_PREPARED texts are named (each costs memory in every connection).
 * Statements without parameters (begin, commit) keep the simple protocol: one message, no plan.
 *
 * A prepared statement keeps the plan it got when it was made until PostgreSQL invalidates it
 * (after ANALYZE, mostly). A plan made while a table was empty reads it sequentially, which stays
 * cheap only while the table stays small: on a new installation, autosave's tables fill faster
 * than autovacuum analyzes them. So names belong to a generation, and every connection drops its
 * statements (DEALLOCATE ALL) when it is handed out in a newer one, to plan them afresh: after
 * 10 s, 30 s, 70 s, … then every 10 minutes. That also bounds what the statements cost in memory.
 */
export class StatementNames {
  static readonly MAX_PREPARED = 300;
  static readonly MAX_COUNTED = 5000;
  static readonly FIRST_GENERATION_MS = 10_000;
  static readonly MAX_GENERATION_MS = 600_000;
  private readonly ids = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private current = 0;
  private span = StatementNames.FIRST_GENERATION_MS;
  private rollover: number;

  constructor(private readonly now: () => number = Date.now) {
    this.rollover = now() + this.span;
  }

  /** The generation statements are named in now; it moves on when its time is up. */
  generation(): number {
    const t = this.now();
    if (t >= this.rollover) {
      this.current++;
      this.span = Math.min(this.span * 2, StatementNames.MAX_GENERATION_MS);
      this.rollover = t + this.span;
    }
    return this.current;
  }

  /** The query as pg takes it: named, in `generation`, once the text is a frequent one. */
  query(text: string, values: unknown[], generation: number): pg.QueryConfig {
    if (values.length === 0) return { text, values };
    let id = this.ids.get(text);
    if (id === undefined && this.ids.size < StatementNames.MAX_PREPARED) {
      const n = (this.seen.get(text) ?? 0) + 1;
      if (n >= 2) {
        id = this.ids.size + 1;
        this.ids.set(text, id);
        this.seen.delete(text);
      } else {
        // One-off texts must not grow this map without bound.
        if (this.seen.size >= StatementNames.MAX_COUNTED) this.seen.clear();
        this.seen.set(text, n);
      }
    }
    return id === undefined ? { text, values } : { name: `niko_${generation}_${id}`, text, values };
  }
}

/** The pool as Kysely sees it, sending each query through StatementNames. */
export function preparingPool(pool: pg.Pool, names = new StatementNames()): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, { client: PostgresPoolClient; generation: number }>();
  return {
    async connect() {
      const client = await pool.connect();
      const generation = names.generation();
      let w = wrapped.get(client);
      if (!w) {
        const c = client;
        const state = {
          generation,
          client: {
            // biome-ignore lint/suspicious/noExplicitAny: Kysely's and pg's overloads of query() differ only in typing.
            query: ((q: any, values?: unknown[]) =>
              typeof q === 'string'
                ? c.query(names.query(q, values ?? [], state.generation))
                : c.query(q)) as PostgresPoolClient['query'],
            release: (destroy?: boolean) => c.release(destroy),
          },
        };
        w = state;
        wrapped.set(client, w);
      } else if (w.generation !== generation) {
        // Handed out between transactions, so dropping the statements cannot abort one.
        try {
          await client.query('DEALLOCATE ALL');
        } catch (err) {
          client.release(err as Error);
          throw err;
        }
        w.generation = generation;
      }
      return w.client;
    },
    end: () => pool.end(),
    // Kysely connects a separate client with these to cancel a query (its AbortSignal support).
    options: pool.options,
  };
}

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const t = opts.timeouts ?? DEFAULT_TIMEOUTS;
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      lock_timeout: t.lockMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
    });
    survivesLostConnections(pool, opts.onConnectionLost ?? warnLost);
    const dialectPool = opts.preparedStatements === false ? pool : preparingPool(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: dialectPool }) });

    return { db, pool, engine: 'postgres', close: () => db.destroy() };
  }
  return openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<DbHandle> {
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const lite = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  // PGlite is one session that runs one statement at a time. Its socket server passes on the
  // protocol messages of all its connections one by one, keeping a transaction's connection to
  // itself only while the transaction is open: outside one, one connection's Parse, Bind and
  // Execute can fall between another's, which then binds or runs the other's unnamed statement
  // ("portal does not exist", or a wrong result), and after such an error the server stops
  // answering. So the pool has one connection: queries and transactions queue in the pool, whole.
  // (The server accepts a few, for a connection that is replaced while the old one closes.)
  // Statements are not prepared here: the names would live in the one shared session.
  const server = new PGLiteSocketServer({ db: lite, host: '127.0.0.1', port: 0, maxConnections: 3 });
  await server.start();
  const port = server.getServerConn().split(':').pop();
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: Number(port),
    user: 'postgres',
    database: 'postgres',
    max: 1,
  });
  // Closing the socket server ends the connections it still has; that is no loss worth a warning.
  let closing = false;
  const onLost = opts.onConnectionLost ?? warnLost;
  survivesLostConnections(pool, (err) => {
    if (!closing) onLost(err);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: 'pglite',
    close: async () => {
      closing = true;
      await db.destroy();
      await server.stop();
      await lite.close();
    },
  };
}
