// One spreadsheet row read through a mapping into what the manual forms would send, with the problems
// of its cells named by field. Whether a branch, programme or person exists is the server's to judge;
// the shape and the rules of a member are the families contract's own (MemberInput), not repeated here.
import type { ImportField, ImportMapping } from './contracts.js';
import {
  cellText,
  parseDate,
  parseFormat,
  parseMinutes,
  parsePhone,
  parseRelation,
  parseSex,
  parseStatus,
  splitFullName,
  tidyName,
  type Cell,
  type PersonName,
} from './values.js';

export interface Problem {
  /** The import field the problem is in (the column the user mapped). */
  field: string;
  /** A catalog key: validation.* or imports.problems.* */
  code: string;
  params?: Record<string, unknown>;
}

export class RowReader {
  readonly problems: Problem[] = [];
  constructor(
    private readonly cells: readonly Cell[],
    private readonly mapping: ImportMapping,
    readonly today: string,
  ) {}

  has(field: ImportField): boolean {
    return this.mapping[field] !== undefined;
  }
  cell(field: ImportField): Cell {
    const index = this.mapping[field];
    return index === undefined ? null : (this.cells[index] ?? null);
  }
  text(field: ImportField): string {
    return cellText(this.cell(field));
  }
  problem(field: string, code: string, params?: Record<string, unknown>): void {
    if (!this.problems.some((p) => p.field === field && p.code === code)) this.problems.push({ field, code, ...(params && { params }) });
  }

  /** A date that happened: not in the future. */
  date(field: ImportField): string | null {
    const parsed = parseDate(this.cell(field), this.today);
    if (!parsed.ok) {
      this.problem(field, 'imports.problems.invalid_date');
      return null;
    }
    if (parsed.value && parsed.value > this.today) {
      this.problem(field, 'validation.date_in_future');
      return null;
    }
    return parsed.value;
  }

  phone(): string {
    const parsed = parsePhone(this.cell('phone'));
    if (parsed.ok) return parsed.value;
    this.problem('phone', 'imports.problems.invalid_phone');
    return '';
  }

  /** The name from one full-name column or from three; `nameField`: where a missing name is reported. */
  name(): PersonName & { nameField: string } {
    if (this.has('lastName') || this.has('firstName')) {
      return {
        lastName: tidyName(this.text('lastName')),
        firstName: tidyName(this.text('firstName')),
        middleName: tidyName(this.text('middleName')),
        nameField: 'firstName',
      };
    }
    return { ...splitFullName(this.text('fullName')), nameField: 'fullName' };
  }

  choice<T>(field: ImportField, parsed: { ok: true; value: T } | { ok: false; code: string }): T | null {
    if (parsed.ok) return parsed.value;
    this.problem(field, 'imports.problems.unknown_value');
    return null;
  }
}

export interface FamilyRow {
  familyKey: string;
  branch: string;
  notes: string;
  /** What POST /api/families takes for one member (validated there by MemberInput). */
  member: Record<string, unknown>;
  nameField: string;
  problems: Problem[];
}

export function readFamilyRow(cells: readonly Cell[], mapping: ImportMapping, today: string): FamilyRow {
  const r = new RowReader(cells, mapping, today);
  const name = r.name();
  const relation = r.choice('relation', parseRelation(r.cell('relation')));
  const sex = r.choice('sex', parseSex(r.cell('sex')));
  const birth = r.has('birthDate') ? parseDate(r.cell('birthDate'), today) : { ok: true as const, value: null };
  if (!birth.ok) r.problem('birthDate', 'imports.problems.invalid_date');
  const date = birth.ok ? birth.value : null;
  // An expected child's date is in the future: the same column holds it.
  const unborn = relation === 'unborn_child';
  if (!unborn && date && date > today) r.problem('birthDate', 'validation.date_in_future');
  const member = {
    relation,
    lastName: name.lastName,
    firstName: name.firstName,
    middleName: name.middleName,
    birthDate: unborn ? null : date,
    expectedBirthDate: unborn ? date : null,
    sex:
      sex ??
      (relation === 'mother' || relation === 'grandmother'
        ? 'female'
        : relation === 'father' || relation === 'grandfather'
          ? 'male'
          : 'unknown'),
    phone: r.phone(),
    registeredAddress: r.text('registeredAddress'),
    actualAddress: r.text('actualAddress'),
  };
  return {
    familyKey: r.text('familyKey'),
    branch: r.text('branch'),
    notes: r.text('notes'),
    member,
    nameField: name.nameField,
    problems: r.problems,
  };
}

/** Who a case or service row is about: found among the families the user reaches. */
export interface PersonKey extends PersonName {
  birthDate: string | null;
  phone: string;
  nameField: string;
}

function personKey(r: RowReader): PersonKey {
  const name = r.name();
  if (!name.firstName && !name.lastName) r.problem(name.nameField, 'validation.required');
  return { ...name, birthDate: r.has('birthDate') ? r.date('birthDate') : null, phone: r.has('phone') ? r.phone() : '' };
}

export interface CaseRow {
  person: PersonKey;
  programme: string;
  status: 'intake' | 'active' | 'post_support' | 'closed' | null;
  openedOn: string | null;
  lead: string;
  branch: string;
  problems: Problem[];
}

export function readCaseRow(cells: readonly Cell[], mapping: ImportMapping, today: string): CaseRow {
  const r = new RowReader(cells, mapping, today);
  const person = personKey(r);
  const programme = r.text('programme');
  if (!programme) r.problem('programme', 'validation.required');
  const status = r.choice('status', parseStatus(r.cell('status')));
  const openedOn = r.date('openedOn');
  if (!openedOn && !r.problems.some((p) => p.field === 'openedOn')) r.problem('openedOn', 'validation.required');
  if (status === 'closed') r.problem('status', 'imports.problems.closed_case');
  return { person, programme, status, openedOn, lead: r.text('lead'), branch: r.text('branch'), problems: r.problems };
}

export interface ServiceRow {
  person: PersonKey;
  programme: string;
  serviceType: string;
  date: string | null;
  durationMinutes: number | null;
  specialist: string;
  format: 'in_person' | 'phone' | 'online' | 'home_visit' | null;
  problems: Problem[];
}

export function readServiceRow(cells: readonly Cell[], mapping: ImportMapping, today: string): ServiceRow {
  const r = new RowReader(cells, mapping, today);
  const person = personKey(r);
  const serviceType = r.text('serviceType');
  if (!serviceType) r.problem('serviceType', 'validation.required');
  const date = r.date('date');
  if (!date && !r.problems.some((p) => p.field === 'date')) r.problem('date', 'validation.required');
  const minutes = r.choice('durationMinutes', parseMinutes(r.cell('durationMinutes')));
  if (minutes !== null && (minutes < 1 || minutes > 24 * 60)) r.problem('durationMinutes', 'validation.duration_range');
  const format = r.choice('format', parseFormat(r.cell('format')));
  return {
    person,
    programme: r.text('programme'),
    serviceType,
    date,
    durationMinutes: minutes ?? 60,
    specialist: r.text('specialist'),
    format: format ?? 'in_person',
    problems: r.problems,
  };
}
