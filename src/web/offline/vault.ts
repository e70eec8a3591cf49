// The device's offline store (issue 19, points 3 and 5). Everything about families — the pack of
// planned visits and the queue of what was recorded — is one AES-GCM blob in IndexedDB, under a key
// derived (PBKDF2, Web Crypto) from a PIN the worker sets; the key lives in memory only, so after a
// reload the PIN opens it again. Beside it, in clear, only what tells the app when to wipe: whose
// device it is (a user id), the device id, the salt, the wipe period and when it last synced, and
// how many items wait (a number). Wiped on log-out, on a change of user, after the organisation's
// number of days without a sync, and when the server says the device was locked.
import type { OfflinePack, RefusalReason } from '../../domain/fieldwork/contracts.js';

const DB = 'hearth-offline';
const STORE = 'kv';
const ITERATIONS = 210_000;

export interface Meta {
  userId: string;
  deviceId: string;
  salt: string;
  iterations: number;
  wipeAfterDays: number;
  createdAt: string;
  lastSyncAt: string | null;
  pending: number;
}

export type QueueState = 'pending' | 'refused' | 'invalid';

export interface QueueItem {
  key: string;
  kind: 'visit' | 'aid_delivery';
  payload: Record<string, unknown> & { caseId: string };
  createdAt: string;
  state: QueueState;
  /** A refusal code, or the server's message for an invalid item. */
  reason: RefusalReason | string | null;
}

export interface Vault {
  pack: OfflinePack | null;
  queue: QueueItem[];
  sent: number;
}

interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

// ---- IndexedDB ----------------------------------------------------------------------------------

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB'));
  });
}

/** Whether the store exists, without creating it (a device never set up keeps no database at all). */
async function exists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((db) => db.name === DB);
}

async function get<T>(key: string): Promise<T | undefined> {
  if (!(await exists())) return undefined;
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      request.onsuccess = () => resolve(request.result as T | undefined);
      request.onerror = () => reject(request.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

async function put(entries: Record<string, unknown>): Promise<void> {
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      for (const [key, value] of Object.entries(entries)) tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

// ---- crypto -------------------------------------------------------------------------------------

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

async function deriveKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv, data };
}

async function open<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

// ---- state the pages subscribe to --------------------------------------------------------------

export interface OfflineState {
  /** Nothing on the device, or the device set up and locked (PIN needed), or open. */
  status: 'none' | 'locked' | 'open';
  meta: Meta | null;
  vault: Vault | null;
  /** Set when the device was wiped because the server locked it. */
  lockedOut: boolean;
}

let key: CryptoKey | null = null;
let state: OfflineState = { status: 'none', meta: null, vault: null, lockedOut: false };
const listeners = new Set<() => void>();

function publish(next: Partial<OfflineState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const snapshot = (): OfflineState => state;

/** Reads what is on the device (without opening it). */
export async function loadMeta(): Promise<Meta | null> {
  const meta = (await get<Meta>('meta')) ?? null;
  if (key && state.vault && meta) publish({ meta });
  else publish({ meta, status: meta ? 'locked' : 'none', vault: null });
  return meta;
}

export const pinIsValid = (pin: string) => /^\d{4,12}$/.test(pin);

/** First use on this device: the PIN's key, an empty vault, the grant the server gave. */
export async function setUp(pin: string, userId: string, grant: { deviceId: string; wipeAfterDays: number }): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  key = await deriveKey(pin, salt, ITERATIONS);
  const meta: Meta = {
    userId,
    deviceId: grant.deviceId,
    salt: toBase64(salt),
    iterations: ITERATIONS,
    wipeAfterDays: grant.wipeAfterDays,
    createdAt: new Date().toISOString(),
    lastSyncAt: null,
    pending: 0,
  };
  const vault: Vault = { pack: null, queue: [], sent: 0 };
  await put({ meta, vault: await seal(key, vault) });
  publish({ status: 'open', meta, vault, lockedOut: false });
}

/** Opens the vault with the PIN; false when the PIN is wrong (AES-GCM refuses to decrypt). */
export async function unlock(pin: string): Promise<boolean> {
  const meta = await get<Meta>('meta');
  const sealed = await get<Sealed>('vault');
  if (!meta || !sealed) return false;
  const candidate = await deriveKey(pin, fromBase64(meta.salt), meta.iterations);
  try {
    const vault = await open<Vault>(candidate, sealed);
    key = candidate;
    publish({ status: 'open', meta, vault });
    return true;
  } catch {
    return false;
  }
}

/** Changes the open vault (and the clear counters beside it) in one write. */
export async function update(change: (vault: Vault, meta: Meta) => void): Promise<void> {
  if (!key || !state.vault || !state.meta) throw new Error('the offline store is locked');
  const vault: Vault = structuredClone(state.vault);
  const meta: Meta = { ...state.meta };
  change(vault, meta);
  meta.pending = vault.queue.length;
  await put({ meta, vault: await seal(key, vault) });
  publish({ vault, meta });
}

/** Forgets everything on the device: the store, the cached pages, the key in memory. */
export async function wipeOffline(reason: 'logout' | 'user' | 'stale' | 'locked' = 'logout'): Promise<void> {
  key = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  if ('caches' in window) for (const name of await caches.keys()) await caches.delete(name);
  publish({ status: 'none', meta: null, vault: null, lockedOut: reason === 'locked' });
}

/** A different user signed in on this device: the previous user's offline data goes. */
export async function checkOwner(userId: string): Promise<void> {
  const meta = await get<Meta>('meta').catch(() => undefined);
  if (meta && meta.userId !== userId) await wipeOffline('user');
}

/** Not synced for longer than the organisation allows: wiped at start. */
export async function wipeIfStale(now = Date.now()): Promise<void> {
  const meta = await get<Meta>('meta').catch(() => undefined);
  if (!meta) return;
  const since = Date.parse(meta.lastSyncAt ?? meta.createdAt);
  if (now - since > meta.wipeAfterDays * 86_400_000) await wipeOffline('stale');
}
