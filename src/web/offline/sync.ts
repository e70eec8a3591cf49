// Sending the queue (issue 19, point 4): items go in the order they were recorded, one request each,
// under the key they were given when recorded, so a send retried after a lost answer is answered
// with the first result and never recorded twice. An accepted item leaves the queue; a refused one
// stays with the server's reason until the worker discards or re-attaches it; a locked device wipes.
import { z } from 'zod';
import {
  DeviceGrant,
  DeviceList,
  FieldPlan,
  FieldSettings,
  FieldVisitView,
  OfflinePack,
  SyncResult,
  type FieldVisitInput,
} from '../../domain/fieldwork/contracts.js';
import { isApiError, newIdempotencyKey, request } from '../app/api.js';
import { snapshot, update, wipeOffline, type QueueItem } from './vault.js';

export const fieldApi = {
  plan: () => request('GET', '/api/fieldwork/plan', { response: FieldPlan }),
  settings: () => request('GET', '/api/fieldwork/settings', { response: FieldSettings }),
  setSettings: (body: FieldSettings) => request('PUT', '/api/fieldwork/settings', { response: FieldSettings, body }),
  devices: () => request('GET', '/api/fieldwork/devices', { response: DeviceList }),
  lock: (id: string) =>
    request('POST', `/api/fieldwork/devices/${id}/lock`, { response: z.object({ id: z.string(), lockedAt: z.string() }), body: {} }),
  planVisit: (body: z.input<typeof FieldVisitInput>) => request('POST', '/api/fieldwork/visits', { response: FieldVisitView, body }),
  cancelVisit: (id: string) => request('POST', `/api/fieldwork/visits/${id}/cancel`, { response: FieldVisitView, body: {} }),
  register: (label: string) => request('POST', '/api/fieldwork/devices', { response: DeviceGrant, body: { label } }),
  pack: (deviceId: string) => request('GET', '/api/fieldwork/pack', { response: OfflinePack, query: { deviceId } }),
  send: (item: QueueItem, deviceId: string) =>
    request('POST', '/api/fieldwork/sync', {
      response: SyncResult,
      body: { kind: item.kind, key: item.key, deviceId, payload: item.payload },
    }),
};

/** A new queue item, keyed once for all its sends. */
export function newItem(kind: QueueItem['kind'], payload: QueueItem['payload']): QueueItem {
  return {
    key: `${Date.now().toString(36)}-${newIdempotencyKey()}`,
    kind,
    payload,
    createdAt: new Date().toISOString(),
    state: 'pending',
    reason: null,
  };
}

async function lockedOut(error: unknown): Promise<boolean> {
  if (isApiError(error) && error.id === 'fieldwork.errors.device_locked') {
    await wipeOffline('locked');
    return true;
  }
  return false;
}

let running: Promise<void> | null = null;

/** Sends what waits, in order; stops at the first network failure. One run at a time. */
export function syncQueue(): Promise<void> {
  running ??= run().finally(() => {
    running = null;
  });
  return running;
}

async function run(): Promise<void> {
  const { meta, vault } = snapshot();
  if (!meta || !vault) return;
  for (const item of vault.queue.filter((i) => i.state === 'pending')) {
    try {
      const result = await fieldApi.send(item, meta.deviceId);
      await update((v, m) => {
        m.lastSyncAt = result.syncedAt;
        const index = v.queue.findIndex((i) => i.key === item.key);
        if (index < 0) return;
        if (result.outcome === 'accepted') {
          v.queue.splice(index, 1);
          v.sent += 1;
        } else v.queue[index] = { ...v.queue[index]!, state: 'refused', reason: result.reason };
      });
    } catch (error) {
      if (await lockedOut(error)) return;
      if (isApiError(error) && (error.kind === 'validation' || error.kind === 'conflict')) {
        const message = [error.message, ...error.fields.map((f) => f.message)].join(' ');
        await update((v) => {
          const index = v.queue.findIndex((i) => i.key === item.key);
          if (index >= 0) v.queue[index] = { ...v.queue[index]!, state: 'invalid', reason: message };
        });
        continue;
      }
      // No connection, no session, a server error: the item waits for the next try.
      return;
    }
  }
}

/** Fetches the pack of the planned visits into the vault. */
export async function refreshPack(): Promise<void> {
  const { meta } = snapshot();
  if (!meta) return;
  try {
    const pack = await fieldApi.pack(meta.deviceId);
    await update((v, m) => {
      v.pack = pack;
      m.wipeAfterDays = pack.wipeAfterDays;
      m.lastSyncAt = pack.generatedAt;
    });
  } catch (error) {
    if (!(await lockedOut(error))) throw error;
  }
}

/** What the page does when the connection is there: send the queue, then take a fresh pack. */
export async function syncAll(): Promise<void> {
  await syncQueue();
  if (snapshot().status === 'open') await refreshPack();
}
