// Export jobs are expensive: a user has at most one queued or running job per collection and
// scope (region filter). Asking again answers that job (200), however many requests race, on
// one server process or several; a job that has finished no longer counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { openDemoCollectionId } from '../support/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let other: TestServer;
let collectionId: number;
beforeAll(async () => {
  // No workers: every job stays queued until a test finishes it by hand.
  server = await startTestServer({ demo: true, startWorkers: false });
  other = await startTestServer({ database: server.database, startWorkers: false });
  collectionId = await openDemoCollectionId(server.database.db);
});
afterAll(async () => {
  await other?.close();
  await server?.close();
});

const path = () => `/api/monitoring/collections/${collectionId}/exports`;

async function activeJobs(login: string) {
  return server.database.db
    .selectFrom('export_jobs as j')
    .innerJoin('users as u', 'u.id', 'j.requested_by')
    .select(['j.id', 'j.region_filter as regionFilter', 'j.status'])
    .where('u.login', '=', login)
    .where('j.collection_id', '=', collectionId)
    .where('j.status', 'in', ['queued', 'running'])
    .orderBy('j.id')
    .execute();
}

async function requestedAudits(login: string) {
  return server.database.db
    .selectFrom('audit_log')
    .select(['details'])
    .where('actor_login', '=', login)
    .where('action', '=', 'export.requested')
    .execute();
}

async function finish(jobId: number) {
  await server.database.db
    .updateTable('export_jobs')
    .set({ status: 'done', progress: 100, finished_at: new Date() })
    .where('id', '=', jobId)
    .execute();
}

async function parallel(clients: Client[], body: object, times: number) {
  return Promise.all(
    Array.from({ length: times }, (_, i) => clients[i % clients.length]!.post(path(), body)),
  );
}

describe('one queued or running export per user, collection and scope', () => {
  it('40 parallel requests on two server processes make exactly one job; the others answer it with 200', async () => {
    const viaA = await server.client().login('reg77');
    const viaB = other.client();
    viaB.setCookie('niko_session', viaA.cookie('niko_session') as string);
    const answers = await parallel([viaA, viaB], {}, 40);

    expect(answers.map((a) => a.status).sort()).toEqual([...Array(39).fill(200), 202]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.body.status === 'queued')).toBe(true);
    const jobs = await activeJobs('reg77');
    expect(jobs.map((j) => j.id)).toEqual([...ids]);
    // The job and its audit entry are written together, once.
    const audits = await requestedAudits('reg77');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ exportJob: jobs[0]?.id });

    // Asking again later still answers the same job.
    const again = await viaA.post(path(), {});
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(jobs[0]?.id);
    await finish(jobs[0]!.id);
  });

  it('counts each scope apart, and another user’s job never stands in for one’s own', async () => {
    const admin = await server.client().login('admin');
    const reg = await server.client().login('reg50');
    const all = await parallel([admin], {}, 5);
    const moscow = await parallel([admin], { regionCode: '77' }, 5);
    const region = await parallel([reg], {}, 5);
    for (const answers of [all, moscow, region]) {
      expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    }
    const ids = [all[0]?.body.id, moscow[0]?.body.id, region[0]?.body.id];
    expect(new Set(ids).size).toBe(3);
    expect((await activeJobs('admin')).map((j) => j.regionFilter)).toEqual([null, '77']);
    expect(await activeJobs('reg50')).toHaveLength(1);
    for (const id of ids) await finish(id);
  });

  it('a job that is running still counts; once it has finished or failed, a new request makes a new job', async () => {
    const mun = await server.client().login('mun77001');
    const first = await mun.post(path(), {});
    expect(first.status).toBe(202);
    await server.database.db
      .updateTable('export_jobs')
      .set({ status: 'running', heartbeat_at: new Date() })
      .where('id', '=', first.body.id)
      .execute();
    const whileRunning = await mun.post(path(), {});
    expect(whileRunning.status).toBe(200);
    expect(whileRunning.body).toMatchObject({ id: first.body.id, status: 'running' });

    await finish(first.body.id);
    const second = await mun.post(path(), {});
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(first.body.id);
    await server.database.db
      .updateTable('export_jobs')
      .set({ status: 'failed', error: 'test' })
      .where('id', '=', second.body.id)
      .execute();
    const third = await mun.post(path(), {});
    expect(third.status).toBe(202);
    expect(new Set([first.body.id, second.body.id, third.body.id]).size).toBe(3);
    expect(await requestedAudits('mun77001')).toHaveLength(3);
    await finish(third.body.id);
  });
});
