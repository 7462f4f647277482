// Limits repeated failed sign-ins, per login and per address. The counts come from the audit
// log, which every process writes, so the limit holds across any number of server processes.

import { countRecentFailures } from '../audit/queries.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Problem } from '../http/problem.js';

export async function assertLoginAllowed(db: Db, limits: Config['loginLimits'], login: string, ip: string) {
  const since = new Date(Date.now() - limits.windowMs);
  const [byLogin, byIp] = await Promise.all([
    countRecentFailures(db, { login }, since),
    countRecentFailures(db, { ip }, since),
  ]);
  if (byLogin >= limits.perLogin || byIp >= limits.perIp) {
    const minutes = Math.ceil(limits.windowMs / 60_000);
    throw Problem.tooManyRequests(
      `Слишком много неудачных попыток входа. Повторите попытку через ${minutes} мин.`,
      Math.ceil(limits.windowMs / 1000),
    );
  }
}
