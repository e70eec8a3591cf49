// Import from spreadsheets: the typed client of /api/imports, through the shared contracts.
import type { z } from 'zod';
import {
  ImportJobList,
  ImportJobView,
  ImportRowPage,
  type DecisionInput,
  type ImportKind,
  type ImportMappingInput,
} from '../../domain/imports/contracts.js';
import { request } from '../app/api.js';

type In<T extends z.ZodType> = z.input<T>;

export const importKeys = {
  all: ['imports'] as const,
  job: (id: string) => ['imports', 'job', id] as const,
  rows: (id: string, filter: string, page: number) => ['imports', 'rows', id, filter, page] as const,
};

export const importsApi = {
  list: () => request('GET', '/api/imports', { response: ImportJobList }),
  get: (id: string) => request('GET', `/api/imports/${id}`, { response: ImportJobView }),
  upload: (body: { kind: ImportKind; fileName: string; contentBase64: string }, idempotencyKey: string) =>
    request('POST', '/api/imports', { response: ImportJobView, body, idempotencyKey }),
  map: (id: string, body: In<typeof ImportMappingInput>) => request('PUT', `/api/imports/${id}/mapping`, { response: ImportJobView, body }),
  rows: (id: string, query: { filter: string; page: number; pageSize: number }) =>
    request('GET', `/api/imports/${id}/rows`, { response: ImportRowPage, query }),
  decide: (id: string, body: In<typeof DecisionInput>) => request('PUT', `/api/imports/${id}/decisions`, { response: ImportJobView, body }),
  run: (id: string, version: number) => request('POST', `/api/imports/${id}/run`, { response: ImportJobView, body: { version } }),
  undo: (id: string, version: number) => request('POST', `/api/imports/${id}/undo`, { response: ImportJobView, body: { version } }),
  reportUrl: (id: string, format: 'xlsx' | 'csv', lang: string) => `/api/imports/${id}/report?format=${format}&lang=${lang}`,
};

/** The file's bytes as base64 (the API takes JSON only). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
