// The bound on argon2 work for issued passwords: however many batches run, at most HASH_CONCURRENCY
// hashes are under way at once, and every one is done, in order.
import { verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { HASH_CONCURRENCY, hashBounded, inHashSlot } from './hashing.js';

describe('inHashSlot', () => {
  it('never runs more than HASH_CONCURRENCY at once, across batches, and runs them all', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const job = (n: number) =>
      inHashSlot(async () => {
        running++;
        most = Math.max(most, running);
        // Yields a few times, so that other jobs would start now if the slots let them.
        for (let i = 0; i < 3; i++) await Promise.resolve();
        running--;
        done.push(n);
        return n;
      });
    const a = Promise.all(Array.from({ length: 20 }, (_, i) => job(i)));
    const b = Promise.all(Array.from({ length: 20 }, (_, i) => job(100 + i)));
    expect(await a).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await b).length).toBe(20);
    expect(most).toBe(HASH_CONCURRENCY);
    expect(done.length).toBe(40);
  });

  it('lets the next job run after one fails', async () => {
    await expect(inHashSlot(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await Promise.all([1, 2, 3].map((n) => inHashSlot(async () => n)))).toEqual([1, 2, 3]);
  });
});

describe('hashBounded', () => {
  it('answers argon2id hashes in the order of the passwords', async () => {
    const hashes = await hashBounded(['first-one-1', 'second-two-2', 'third-three-3']);
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    expect(await verify(hashes[1] as string, 'second-two-2')).toBe(true);
    expect(await verify(hashes[1] as string, 'first-one-1')).toBe(false);
  });
});
