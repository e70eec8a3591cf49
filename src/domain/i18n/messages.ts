// The shape every catalogue has: the Russian one's keys with any string. Kept apart from index.ts so
// that a catalogue (en.ts) can name its type without importing the module that imports it.
import type { ru } from './ru.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ru>;
