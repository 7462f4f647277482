// A school saves the demo form's answers through the API, as its browser's autosave would.
import { randomUUID } from 'node:crypto';
import { demoAnswers } from '../../src/server/demo/niko-answers.js';
import type { HttpClient, Session } from './http.js';

/** Saves demoAnswers(k) into the response; answers the number of cells saved. */
export async function saveDemoAnswers(client: HttpClient, school: Session, responseId: number, k: number) {
  const changes = Object.entries(demoAnswers(k, '2026-11-27')).map(([cell, value]) => ({
    id: randomUUID(),
    cell,
    value,
    base: 0,
  }));
  const saved = await client.request(
    'POST',
    `/api/responses/${responseId}/changes`,
    school.headers,
    JSON.stringify({ changes }),
  );
  if (saved.status !== 200) throw new Error(`changes of ${school.login}: ${saved.status} ${saved.text}`);
  return changes.length;
}
