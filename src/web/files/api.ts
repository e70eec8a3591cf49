// Attachments through the shared typed client; downloads and thumbnails are plain same-origin URLs
// (the session cookie goes with them; the server audits every download).
import type { z } from 'zod';
import {
  type AttachmentEditInput,
  type AttachmentInput,
  AttachmentList,
  AttachmentSettings,
  AttachmentView,
  type ReplaceInput,
} from '../../domain/files/contracts.js';
import { request } from '../app/api.js';

export const fileKeys = {
  all: ['files'] as const,
  owner: (kind: string, ownerId: string, removed: boolean) => ['files', kind, ownerId, removed] as const,
  settings: ['files', 'settings'] as const,
};

export const filesApi = {
  list: (kind: string, ownerId: string, removed: boolean) =>
    request('GET', `/api/files/owners/${kind}/${ownerId}`, { response: AttachmentList, query: { removed: removed ? 'true' : undefined } }),
  attach: (kind: string, ownerId: string, body: z.input<typeof AttachmentInput>, idempotencyKey: string) =>
    request('POST', `/api/files/owners/${kind}/${ownerId}`, { response: AttachmentView, body, idempotencyKey }),
  edit: (id: string, body: z.input<typeof AttachmentEditInput>) => request('PUT', `/api/files/${id}`, { response: AttachmentView, body }),
  replace: (id: string, body: z.input<typeof ReplaceInput>) =>
    request('POST', `/api/files/${id}/versions`, { response: AttachmentView, body }),
  remove: (id: string, version: number) => request('POST', `/api/files/${id}/remove`, { response: AttachmentView, body: { version } }),
  settings: () => request('GET', '/api/files/settings', { response: AttachmentSettings }),
  saveSettings: (body: AttachmentSettings) => request('PUT', '/api/files/settings', { response: AttachmentSettings, body }),
};

/** The URL of a file's content: a download, or shown in the page (images, PDFs) with `inline`. */
export function contentUrl(id: string, opts: { version?: number; inline?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (opts.version) params.set('version', String(opts.version));
  if (opts.inline) params.set('inline', '1');
  const query = params.toString();
  return `/api/files/${id}/content${query ? `?${query}` : ''}`;
}

/** A File's content as base64, without the data: prefix. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
