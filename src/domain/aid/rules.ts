// Pure rules of aid and the stock ledger: quantities in the unit's precision, first-expiring-first-out
// allocation of a hand-out across lots, and hand-out norms. The server enforces them; the web shows
// the same answers before the user sends anything.
import { WHOLE_UNITS, type AidUnit } from './contracts.js';

/** Why a quantity does not fit its unit, or null: whole units take integers, the others three decimals. */
export function quantityProblem(unit: AidUnit, quantity: number): 'quantity_positive' | 'quantity_whole' | 'quantity_precision' | null {
  if (!(quantity > 0)) return 'quantity_positive';
  if (WHOLE_UNITS.includes(unit)) return Number.isInteger(quantity) ? null : 'quantity_whole';
  return Math.abs(Math.round(quantity * 1000) - quantity * 1000) < 1e-6 ? null : 'quantity_precision';
}

/** Rounds to the ledger's precision (numeric(14,3)) so sums of decimals do not drift. */
export const roundQuantity = (value: number) => Math.round(value * 1000) / 1000;

export interface LotBalance {
  lot: string;
  expiresOn: string | null;
  quantity: number;
}

export interface Allocation {
  lot: string;
  quantity: number;
}

/**
 * Takes `quantity` from the lots, first-expiring first (lots without a date last), or from the one
 * lot the storekeeper chose. Returns null when the stock does not cover it.
 */
export function allocate(lots: readonly LotBalance[], quantity: number, chosenLot?: string): Allocation[] | null {
  const candidates = (chosenLot !== undefined ? lots.filter((l) => l.lot === chosenLot) : [...lots])
    .filter((l) => l.quantity > 0)
    .sort((a, b) => (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31') || a.lot.localeCompare(b.lot));
  const result: Allocation[] = [];
  let left = roundQuantity(quantity);
  for (const lot of candidates) {
    if (left <= 0) break;
    const take = roundQuantity(Math.min(left, lot.quantity));
    result.push({ lot: lot.lot, quantity: take });
    left = roundQuantity(left - take);
  }
  return left > 0 ? null : result;
}

export const available = (lots: readonly LotBalance[]) => roundQuantity(lots.reduce((sum, l) => sum + l.quantity, 0));

export interface Norm {
  quantity: number;
  per: 'family' | 'child_under_2' | 'child' | 'person';
}

export interface FamilyComposition {
  people: number;
  children: number;
  childrenUnderTwo: number;
}

/** How much the norm allows this family in one month (null: no norm applies). */
export function normAllowance(norm: Norm | undefined, family: FamilyComposition): number | null {
  if (!norm) return null;
  const base = { family: 1, child_under_2: family.childrenUnderTwo, child: family.children, person: family.people }[norm.per];
  return roundQuantity(norm.quantity * base);
}

/** A request line is above the norm when, with what the family already got that month, it exceeds the allowance. */
export function aboveNorm(allowance: number | null, alreadyThisMonth: number, requested: number): boolean {
  return allowance !== null && roundQuantity(alreadyThisMonth + requested) > allowance;
}
