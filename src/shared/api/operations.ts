// What the operations endpoints answer (src/server/ops: health.ts, metrics.ts; docs/API.md
// "Operations"). Not for the browser: load balancers and Prometheus read them.
import { z } from 'zod';
import { binaryFile, responses } from './common.js';

export const operationResponses = {
  healthz: responses({ 200: z.object({ status: z.literal('ok') }) }),
  /** 503 (problem+json, from the shared problem schema) while the database answers no writes. */
  readyz: responses({ 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) }),
  /** Prometheus text format; 404 problem+json without the token. */
  metrics: responses({ 200: binaryFile('text/plain; version=0.0.4; charset=utf-8') }),
};
