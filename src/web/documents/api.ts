// Document templates and documents generated from a case, and list exports — through the shared
// contracts of src/domain/documents.
import type { z } from 'zod';
import {
  TemplateList,
  TemplateView,
  type GenerateInput,
  type TemplateUpdateInput,
  type TemplateUploadInput,
} from '../../domain/documents/contracts.js';
import { ErrorBody } from '../../domain/errors.js';
import { ApiError, csrfHeaders, newIdempotencyKey, request } from '../app/api.js';
import { currentLanguage, i18n } from '../app/i18n.js';

type In<T extends z.ZodType> = z.input<T>;

export const documentKeys = {
  templates: (all: boolean) => ['documents', 'templates', all] as const,
};

export const documentsApi = {
  templates: (all = false) => request('GET', '/api/document-templates', { response: TemplateList, query: all ? { all: 'true' } : {} }),
  upload: (body: In<typeof TemplateUploadInput>) =>
    request('POST', '/api/document-templates', { response: TemplateView, body, idempotencyKey: newIdempotencyKey() }),
  update: (id: string, body: In<typeof TemplateUpdateInput>) =>
    request('PUT', `/api/document-templates/${id}`, { response: TemplateView, body }),
};

export const templateFileUrl = (id: string) => `/api/document-templates/${id}/file`;

/** The file name the server gave (RFC 5987 `filename*` first), or a fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Saves a blob as a file in the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Generates a document and downloads it. Through fetch (not a link) because it is a POST that may
 * also save the file to the case, and so that a refusal shows as a message, not as a broken file.
 */
export async function generateDocument(caseId: string, body: In<typeof GenerateInput>): Promise<{ savedFileId: string | null }> {
  const response = await fetch(`/api/cases/${caseId}/documents`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': currentLanguage(), ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
    if (parsed.success) {
      const { kind, id, message, fields, requestId } = parsed.data.error;
      throw new ApiError(response.status, kind, id, message, fields ?? [], requestId);
    }
    throw new ApiError(response.status, 'internal', 'errors.internal', i18n.t('errors.internal', { requestId: '—' }));
  }
  saveBlob(await response.blob(), fileNameOf(response, `document.${body.format}`));
  return { savedFileId: response.headers.get('x-saved-file-id') };
}

/** The address of a list's export with the filters on screen (a plain link: the browser downloads it). */
export function exportUrl(url: string, format: 'xlsx' | 'csv', query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '' && key !== 'page' && key !== 'pageSize')
      params.set(key, String(value as string | number | boolean));
  }
  const search = params.toString();
  return `${url}.${format}${search ? `?${search}` : ''}`;
}
