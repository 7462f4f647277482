// «Выдать пароли» at the size of a large region (issue 11 §3): the regional coordinator of
// Дагестан issues one-time passwords to all 2,000 of its organizations' accounts («всем, кто ни
// разу не входил») while schools of another region keep signing in, one after another. The issue's
// limit: the 2,000 within 60 s, with sign-ins answering throughout (argon2 work is bounded,
// directory/passwords/hashing.ts).
//
//   npm run bench -- passwords      BENCH_ACCOUNTS (2000), BENCH_IDLE_SIGNINS (30),
//                                   DATABASE_URL (the PostgreSQL server for a throw-away database)
//
// Set-up through SQL: region 05 with BENCH_ACCOUNTS organizations and an account each, and ten
// schools of region 77 that do the signing in. Measured: sign-ins with nothing else going on (the
// baseline), the count («N паролей будут заменены»), then the issue with a sign-in loop running
// beside it (each sign-in is the browser's three requests: token, login, the session's token). The
// answer is checked: a zip whose xlsx has a row per account and whose PDF has a page per
// organization, and the first password signs in and must be changed. The last line is the JSON.
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { hashPassword } from '../src/server/auth/passwords.js';
import type { Db } from '../src/server/db/connection.js';
import { planDirectory } from '../src/server/demo/directory-plan.js';
import { organizationRow } from '../src/server/directory/organizations/insert-row.js';
import { Cleanup } from './support/cleanup.js';
import { createBenchDatabase } from './support/database.js';
import { BENCH_PASSWORD } from './support/fixtures.js';
import { HttpClient, signIn } from './support/http.js';
import { machineLoad } from './support/national.js';
import { cpuSplit, formatCpu } from './support/proc.js';
import { startServer } from './support/server.js';
import { formatLatency, Latencies, round } from './support/stats.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const IDLE_SIGNINS = Number(process.env.BENCH_IDLE_SIGNINS ?? 30);
const REGION = '05';
const SIGNERS = 10;
const LIMIT_S = 60;

const log = (line: string) => console.log(line);

/** Region 05 with `count` organizations, region 77 with the signers; one shared hash for all. */
async function load(db: Db, count: number) {
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'registry_organizations as registryOrganizations'])
    .where('code', 'in', [REGION, '77'])
    .orderBy('code')
    .execute();
  const plan = planDirectory(regions, { scale: 0, minPerRegion: SIGNERS, floors: { [REGION]: count } });
  await db
    .insertInto('municipalities')
    .values(plan.municipalities.map((m) => ({ code: m.code, region_code: m.regionCode, name: m.name })))
    .execute();
  const munIds = new Map(
    (await db.selectFrom('municipalities').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
  );
  for (let i = 0; i < plan.organizations.length; i += 1000) {
    await db
      .insertInto('organizations')
      .values(
        plan.organizations
          .slice(i, i + 1000)
          .map((o) => organizationRow({ ...o, municipalityId: munIds.get(o.municipalityCode) as number })),
      )
      .execute();
  }
  const orgs = await db.selectFrom('organizations').select(['id', 'code', 'region_code']).execute();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (let i = 0; i < orgs.length; i += 1000) {
    await db
      .insertInto('users')
      .values(
        orgs.slice(i, i + 1000).map((o) => ({
          login: `bench${o.code}`,
          password_hash: passwordHash,
          role: 'organization' as const,
          organization_id: o.id,
        })),
      )
      .execute();
  }
  await db
    .insertInto('users')
    .values({
      login: `benchreg${REGION}`,
      password_hash: passwordHash,
      role: 'regional',
      region_code: REGION,
    })
    .execute();
  return {
    accounts: orgs.filter((o) => o.region_code === REGION).length,
    signers: orgs.filter((o) => o.region_code === '77').map((o) => `bench${o.code}`),
  };
}

/** One sign-in as a browser does it; its time in ms. */
async function timedSignIn(client: HttpClient, login: string) {
  const t = performance.now();
  await signIn(client, login, BENCH_PASSWORD);
  return performance.now() - t;
}

async function main() {
  const cleanup = new Cleanup();
  try {
    log(
      `passwords: ${ACCOUNTS} accounts of region ${REGION}, a sign-in loop of ${SIGNERS} schools beside it`,
    );
    const database = await createBenchDatabase('passwords');
    cleanup.add(() => database.drop());
    const loaded = await load(database.db, ACCOUNTS);
    const server = await startServer(database.url);
    cleanup.add(() => server.stop());
    const client = new HttpClient(server.url, 2);
    cleanup.add(async () => client.close());
    const signers = new HttpClient(server.url, 1);
    cleanup.add(async () => signers.close());

    // Warm up the server (modules, prepared statements, argon2) with a few sign-ins, then the baseline.
    for (let i = 0; i < 5; i++) await timedSignIn(signers, loaded.signers[i % SIGNERS] as string);
    const idle = new Latencies();
    for (let i = 0; i < IDLE_SIGNINS; i++)
      idle.add(await timedSignIn(signers, loaded.signers[i % SIGNERS] as string));
    log(`sign-in, nothing else running: ${formatLatency(idle.summary())}`);

    const coordinator = await signIn(client, `benchreg${REGION}`, BENCH_PASSWORD);
    const selection = { mode: 'neverSignedIn', regionCode: REGION };
    let t = performance.now();
    const counted = await client.request(
      'POST',
      '/api/one-time-passwords/count',
      coordinator.headers,
      JSON.stringify(selection),
    );
    const countMs = performance.now() - t;
    if (counted.status !== 200) throw new Error(`count: ${counted.status} ${counted.text}`);
    const count = JSON.parse(counted.text) as { accounts: number; organizations: number };
    if (count.accounts !== loaded.accounts)
      throw new Error(`count says ${count.accounts}, loaded ${loaded.accounts}`);
    log(
      `count: ${count.accounts} accounts, ${count.organizations} organizations in ${countMs.toFixed(0)} ms`,
    );

    log(`issuing; ${machineLoad()}`);
    const during = new Latencies();
    let issuing = true;
    const loop = (async () => {
      for (let i = 0; issuing; i++)
        during.add(await timedSignIn(signers, loaded.signers[i % SIGNERS] as string));
    })();
    const cpu = await cpuSplit(server.pid, database.name);
    t = performance.now();
    const issued = await issueZip(server.url, coordinator.headers, {
      ...selection,
      expectedAccounts: count.accounts,
    });
    const issueS = (performance.now() - t) / 1000;
    issuing = false;
    await loop;
    const split = await cpu();
    log(`done in ${issueS.toFixed(1)} s; ${machineLoad()}`);
    log(`  ${formatCpu(split)}`);
    log(`sign-in while issuing: ${formatLatency(during.summary())}`);

    const checked = await check(issued, count);
    log(
      `zip ${(issued.length / 1e6).toFixed(1)} MB: ${checked.rows} rows in the xlsx, ${checked.pages} pages in the PDF`,
    );
    // The first password of the sheet signs in, and the session must change it first.
    const first = await signIn(signers, checked.first.login, checked.first.password);
    const session = await signers.request('GET', '/api/auth/session', {
      cookie: first.headers.cookie as string,
    });
    if (!JSON.parse(session.text).user.mustChangePassword)
      throw new Error('the one-time password need not be changed');
    log(`${checked.first.login} signs in with its one-time password and must change it`);
    log(`within ${LIMIT_S} s: ${issueS <= LIMIT_S ? 'yes' : 'NO'}`);
    const d = during.summary();
    console.log(
      JSON.stringify({
        accounts: count.accounts,
        issue_s: round(issueS),
        count_ms: round(countMs),
        signin_idle_p50_ms: round(idle.summary().p50),
        signin_during_p50_ms: round(d.p50),
        signin_during_max_ms: round(d.max),
        signins_during: d.count,
        zip_mb: round(issued.length / 1e6, 2),
        // The server's CPU over the issue (the sign-ins beside it included), and what others took.
        server_cpu_s: round(split.server),
        others_cpu_pct: round((split.other / split.seconds) * 100, 0),
        within_limit: issueS <= LIMIT_S,
      }),
    );
  } finally {
    await cleanup.run();
  }
}

/** The issue's answer, as bytes (the bench client reads text). */
async function issueZip(baseUrl: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(`${baseUrl}/api/one-time-passwords`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The zip holds a row per account and a page per organization. */
async function check(zip: Uint8Array, count: { accounts: number; organizations: number }) {
  const files = unzipSync(zip);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((files['Пароли.xlsx'] as Uint8Array).slice().buffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows = sheet.rowCount - 1;
  const second = sheet.getRow(2).values as string[];
  // pdfkit writes each page as its own object, uncompressed: counting them needs no PDF reader.
  const pdf = Buffer.from(files['Пароли.pdf'] as Uint8Array).toString('latin1');
  const pages = pdf.match(/\/Type \/Page\b/g)?.length ?? 0;
  if (rows !== count.accounts) throw new Error(`${rows} rows for ${count.accounts} accounts`);
  if (pages !== count.organizations)
    throw new Error(`${pages} pages for ${count.organizations} organizations`);
  return { rows, pages, first: { login: second[1] as string, password: second[5] as string } };
}

await main();
