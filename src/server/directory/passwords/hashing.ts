// argon2id for a batch of one-time passwords, with the work bounded: argon2 runs on libuv's thread
// pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which sign-ins' password checks share.
// A batch of 2,000 hashed all at once would queue every sign-in behind it; here at most
// HASH_CONCURRENCY hashes of all the batches in the process run at a time, so the other threads
// stay free for sign-ins, and a sign-in waits for at most one hash, not for the batch.
import { hashPassword } from '../../auth/passwords.js';

export const HASH_CONCURRENCY = 2;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` once one of the HASH_CONCURRENCY slots is free. */
export async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** The hashes of `passwords`, in their order; shared with every other batch in the process. */
export function hashBounded(passwords: readonly string[]): Promise<string[]> {
  return Promise.all(passwords.map((p) => inHashSlot(() => hashPassword(p))));
}
