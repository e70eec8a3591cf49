// Which field a column holds, guessed from its header in Russian or English («Фамилия», «Дата
// рождения», «Телефон», «Last name»…). The user confirms or changes the guess; the mapping is then
// remembered per organisation and kind by header text.
import type { ImportField, ImportKind, ImportMapping } from './contracts.js';
import { IMPORT_FIELDS } from './contracts.js';
import { wordKey } from './values.js';

// Tried in order: the first pattern a header matches decides (so «дата рождения» is birthDate, not date).
const HEADER_PATTERNS: [RegExp, ImportField][] = [
  [/^(фио|ф и о|полное имя|full ?name|name surname|имя фамилия)$/, 'fullName'],
  [/^(фамилия|last ?name|surname|family name)/, 'lastName'],
  [/^(отчество|middle ?name|patronymic)/, 'middleName'],
  [/^(имя|first ?name|given name|name)$/, 'firstName'],
  [/(дата рожд|д р$|^др$|birth ?date|date of birth|dob|born)/, 'birthDate'],
  [/(телефон|тел$|^тел |phone|mobile|моб)/, 'phone'],
  [/(семья|семьи|family|household)/, 'familyKey'],
  [/(кем приход|родств|отношени|роль в семье|relation|role)/, 'relation'],
  [/^(пол|sex|gender)$/, 'sex'],
  [/(филиал|отделени|branch|office)/, 'branch'],
  [/(адрес регистр|прописк|registered|registration)/, 'registeredAddress'],
  [/(адрес прожив|фактич|адрес|address)/, 'actualAddress'],
  [/(примечан|комментар|заметк|notes?|comment)/, 'notes'],
  [/(программ|проект|programme|program|project)/, 'programme'],
  [/(статус|этап|status|stage)/, 'status'],
  [/(дата открыт|дата начала|начало сопровожд|взят|opened|start)/, 'openedOn'],
  [/(ведущ|куратор|специалист случ|lead|case worker|caseworker)/, 'lead'],
  [/(вид услуг|тип услуг|услуга|service)/, 'serviceType'],
  [/(длитель|минут|duration|minutes)/, 'durationMinutes'],
  [/(специалист|консультант|specialist|given by)/, 'specialist'],
  [/(формат|format|форма провед)/, 'format'],
  [/^(дата|date|когда)/, 'date'],
];

export function suggestField(header: string, kind: ImportKind): ImportField | null {
  const key = wordKey(header);
  if (key === '') return null;
  const allowed = IMPORT_FIELDS[kind] as readonly ImportField[];
  for (const [re, field] of HEADER_PATTERNS) if (re.test(key) && allowed.includes(field)) return field;
  return null;
}

/**
 * A mapping for a file: each header's remembered field first (the organisation's last file of this
 * kind), else the guess. A field goes to the first column that claims it.
 */
export function suggestMapping(headers: readonly string[], kind: ImportKind, remembered: Record<string, string> = {}): ImportMapping {
  const mapping: ImportMapping = {};
  const allowed = IMPORT_FIELDS[kind] as readonly string[];
  headers.forEach((header, index) => {
    const field = remembered[wordKey(header)] ?? suggestField(header, kind);
    if (field && allowed.includes(field) && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/** What to remember of a confirmed mapping: header text (as compared) → field. */
export function mappingMemory(headers: readonly string[], mapping: ImportMapping): Record<string, string> {
  const memory: Record<string, string> = {};
  for (const [field, index] of Object.entries(mapping)) {
    const header = headers[index];
    if (header !== undefined && wordKey(header) !== '') memory[wordKey(header)] = field;
  }
  return memory;
}
