// Aid: the catalogue and norms, warehouses and their ledger, requests and hand-outs, the donors'
// report — through the shared contracts of src/domain/aid.
import { z } from 'zod';
import {
  AidItemView,
  type AidItemInput,
  type AidItemUpdateInput,
  AidReport,
  type AidReportQuery,
  type AidDecisionInput,
  type AidRequestInput,
  AidRequestView,
  type AidQueueQuery,
  type HandoutInput,
  MovementList,
  NormView,
  type NormInput,
  type ReceiptInput,
  ReceiptView,
  StockView,
  type StocktakeInput,
  type TransferInput,
  type WarehouseInput,
  type WarehouseUpdateInput,
  WarehouseView,
  type WriteOffInput,
} from '../../domain/aid/contracts.js';
import { Ok } from '../../domain/access/contracts.js';
import { request } from '../app/api.js';

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
type In<T extends z.ZodType> = z.input<T>;

export const aidKeys = {
  items: ['aid', 'items'] as const,
  norms: ['aid', 'norms'] as const,
  warehouses: ['aid', 'warehouses'] as const,
  stock: (id: string) => ['aid', 'stock', id] as const,
  movements: (id: string) => ['aid', 'movements', id] as const,
  queue: (view: string) => ['aid', 'queue', view] as const,
  ofCase: (caseId: string) => ['aid', 'case', caseId] as const,
  report: (query: unknown) => ['aid', 'report', query] as const,
  all: ['aid'] as const,
};

export const aidApi = {
  items: () => request('GET', '/api/aid/items', { response: Items(AidItemView) }),
  createItem: (body: In<typeof AidItemInput>, idempotencyKey: string) =>
    request('POST', '/api/aid/items', { response: AidItemView, body, idempotencyKey }),
  updateItem: (id: string, body: In<typeof AidItemUpdateInput>) => request('PUT', `/api/aid/items/${id}`, { response: AidItemView, body }),
  norms: () => request('GET', '/api/aid/norms', { response: Items(NormView) }),
  setNorm: (body: In<typeof NormInput>) => request('PUT', '/api/aid/norms', { response: NormView, body }),
  deleteNorm: (id: string) => request('DELETE', `/api/aid/norms/${id}`, { response: Ok }),
  warehouses: () => request('GET', '/api/warehouses', { response: Items(WarehouseView) }),
  createWarehouse: (body: In<typeof WarehouseInput>, idempotencyKey: string) =>
    request('POST', '/api/warehouses', { response: WarehouseView, body, idempotencyKey }),
  updateWarehouse: (id: string, body: In<typeof WarehouseUpdateInput>) =>
    request('PUT', `/api/warehouses/${id}`, { response: WarehouseView, body }),
  stock: (id: string) => request('GET', `/api/warehouses/${id}/stock`, { response: StockView }),
  movements: (id: string) => request('GET', `/api/warehouses/${id}/movements`, { response: MovementList, query: { limit: 100 } }),
  receive: (id: string, body: In<typeof ReceiptInput>, idempotencyKey: string) =>
    request('POST', `/api/warehouses/${id}/receipts`, { response: ReceiptView, body, idempotencyKey }),
  transfer: (id: string, body: In<typeof TransferInput>, idempotencyKey: string) =>
    request('POST', `/api/warehouses/${id}/transfers`, { response: z.object({ transferId: z.string() }), body, idempotencyKey }),
  writeOff: (id: string, body: In<typeof WriteOffInput>, idempotencyKey: string) =>
    request('POST', `/api/warehouses/${id}/write-offs`, { response: z.object({ lines: z.number() }), body, idempotencyKey }),
  stocktake: (id: string, body: In<typeof StocktakeInput>, idempotencyKey: string) =>
    request('POST', `/api/warehouses/${id}/stocktakes`, { response: z.object({ adjusted: z.number() }), body, idempotencyKey }),
  correct: (id: string, body: { movementId: string; reason: string }) =>
    request('POST', `/api/warehouses/${id}/corrections`, { response: z.object({ id: z.string() }), body }),
  setMinimum: (id: string, body: { itemId: string; minimum: number }) =>
    request('PUT', `/api/warehouses/${id}/minimums`, { response: z.object({ itemId: z.string(), minimum: z.number() }), body }),
  queue: (query: In<typeof AidQueueQuery>) => request('GET', '/api/aid/requests', { response: Items(AidRequestView), query }),
  ofCase: (caseId: string) => request('GET', `/api/cases/${caseId}/aid`, { response: Items(AidRequestView) }),
  requestAid: (caseId: string, body: In<typeof AidRequestInput>, idempotencyKey: string) =>
    request('POST', `/api/cases/${caseId}/aid`, { response: AidRequestView, body, idempotencyKey }),
  decide: (id: string, body: In<typeof AidDecisionInput>) =>
    request('POST', `/api/aid/requests/${id}/decision`, { response: AidRequestView, body }),
  handOut: (id: string, body: In<typeof HandoutInput>) =>
    request('POST', `/api/aid/requests/${id}/handout`, { response: AidRequestView, body }),
  cancel: (id: string, version: number) =>
    request('POST', `/api/aid/requests/${id}/cancel`, { response: AidRequestView, body: { version } }),
  actSigned: (id: string, body: { signedOn: string; version: number }) =>
    request('POST', `/api/aid/requests/${id}/act-signed`, { response: AidRequestView, body }),
  report: (query: In<typeof AidReportQuery>) => request('GET', '/api/aid/report', { response: AidReport, query }),
};

/** Where the browser downloads a file the server builds (the session cookie goes along). */
export const actUrl = (id: string, format: 'pdf' | 'docx') => `/api/aid/requests/${id}/act.${format}`;
export function reportXlsxUrl(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return `/api/aid/report.xlsx?${params.toString()}`;
}
