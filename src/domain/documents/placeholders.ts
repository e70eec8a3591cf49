// The placeholders a document template may use: one closed catalogue, shared by the upload check
// (a template naming anything else is refused, naming it), the data a generated document is filled
// with (src/server/documents/data.ts fills exactly these names) and the admin screen that lists them.
//
// Names are Russian, as the people who write templates in Word read them: a group and a field joined
// by a dot (`{заявитель.фио}`), lists as sections (`{#дети}{фио}, {дата_рождения}{/дети}`; in a table
// row the row repeats). Each has a code, the key of its description in the i18n catalogue
// (documents.placeholders.<code>). None of them reads a sensitive section (health, mental state,
// addiction, criminal record, domestic violence): a template cannot pull those into a document.

export const PLACEHOLDER_GROUPS = [
  'document',
  'organization',
  'user',
  'case',
  'family',
  'applicant',
  'subject',
  'partner',
  'plan',
  'aid',
] as const;
export type PlaceholderGroup = (typeof PLACEHOLDER_GROUPS)[number];

export interface Placeholder {
  code: string;
  name: string;
  group: PlaceholderGroup;
}

const p = (group: PlaceholderGroup, code: string, name: string): Placeholder => ({ code, name, group });

/** A person's fields, under a prefix (the applicant and the subject share them). */
const person = (group: 'applicant' | 'subject', prefix: string): Placeholder[] => [
  p(group, `${group}_full_name`, `${prefix}.фио`),
  p(group, `${group}_last_name`, `${prefix}.фамилия`),
  p(group, `${group}_first_name`, `${prefix}.имя`),
  p(group, `${group}_middle_name`, `${prefix}.отчество`),
  p(group, `${group}_short_name`, `${prefix}.фамилия_инициалы`),
  p(group, `${group}_birth_date`, `${prefix}.дата_рождения`),
  p(group, `${group}_age`, `${prefix}.возраст`),
  p(group, `${group}_relation`, `${prefix}.родство`),
  p(group, `${group}_phone`, `${prefix}.телефон`),
  p(group, `${group}_registered_address`, `${prefix}.адрес_регистрации`),
  p(group, `${group}_actual_address`, `${prefix}.адрес_проживания`),
  p(group, `${group}_document`, `${prefix}.документ`),
];

export const SCALAR_PLACEHOLDERS: readonly Placeholder[] = [
  p('document', 'today', 'дата'),
  p('document', 'today_long', 'дата_прописью'),
  p('document', 'year', 'год'),
  p('organization', 'org_name', 'организация.название'),
  p('organization', 'org_branch', 'организация.филиал'),
  p('organization', 'org_city', 'организация.город'),
  p('organization', 'org_address', 'организация.адрес'),
  p('user', 'user_full_name', 'сотрудник.фио'),
  p('user', 'user_short_name', 'сотрудник.фамилия_инициалы'),
  p('user', 'user_email', 'сотрудник.почта'),
  p('case', 'case_programme', 'случай.программа'),
  p('case', 'case_status', 'случай.статус'),
  p('case', 'case_opened_on', 'случай.дата_начала'),
  p('case', 'case_lead', 'случай.ведущий'),
  p('case', 'case_lead_short', 'случай.ведущий_инициалы'),
  p('family', 'family_name', 'семья.название'),
  p('family', 'family_address', 'семья.адрес'),
  p('family', 'family_children_count', 'семья.число_детей'),
  p('family', 'family_members_count', 'семья.число_членов'),
  ...person('applicant', 'заявитель'),
  ...person('subject', 'субъект'),
  p('partner', 'partner_name', 'партнёр.название'),
  p('partner', 'partner_city', 'партнёр.город'),
  p('partner', 'partner_address', 'партнёр.адрес'),
  p('partner', 'partner_phone', 'партнёр.телефон'),
  p('partner', 'partner_email', 'партнёр.почта'),
  p('plan', 'plan_start_on', 'план.дата_начала'),
  p('plan', 'plan_next_review_on', 'план.пересмотр'),
  p('plan', 'plan_desired_future', 'план.образ_будущего'),
  p('plan', 'plan_tasks_done', 'план.выполнено_задач'),
  p('plan', 'plan_tasks_total', 'план.всего_задач'),
  p('aid', 'aid_handed_on', 'помощь.дата'),
  p('aid', 'aid_handed_by', 'помощь.выдал'),
  p('aid', 'aid_total_value', 'помощь.сумма'),
];

export interface PlaceholderList {
  code: string;
  name: string;
  group: PlaceholderGroup;
  /** The fields of one item, used inside the section. */
  fields: readonly Placeholder[];
}

const item = (list: string, code: string, name: string, group: PlaceholderGroup): Placeholder => ({ code: `${list}_${code}`, name, group });

export const LIST_PLACEHOLDERS: readonly PlaceholderList[] = [
  {
    code: 'children',
    name: 'дети',
    group: 'family',
    fields: [
      item('children', 'number', 'номер', 'family'),
      item('children', 'full_name', 'фио', 'family'),
      item('children', 'birth_date', 'дата_рождения', 'family'),
      item('children', 'age', 'возраст', 'family'),
      item('children', 'document', 'документ', 'family'),
    ],
  },
  {
    code: 'members',
    name: 'члены_семьи',
    group: 'family',
    fields: [
      item('members', 'number', 'номер', 'family'),
      item('members', 'full_name', 'фио', 'family'),
      item('members', 'relation', 'родство', 'family'),
      item('members', 'birth_date', 'дата_рождения', 'family'),
      item('members', 'age', 'возраст', 'family'),
    ],
  },
  {
    code: 'goals',
    name: 'цели',
    group: 'plan',
    fields: [
      item('goals', 'number', 'номер', 'plan'),
      item('goals', 'domain', 'область', 'plan'),
      item('goals', 'title', 'цель', 'plan'),
      item('goals', 'status', 'статус', 'plan'),
    ],
  },
  {
    code: 'tasks',
    name: 'задачи',
    group: 'plan',
    fields: [
      item('tasks', 'number', 'номер', 'plan'),
      item('tasks', 'goal', 'цель', 'plan'),
      item('tasks', 'title', 'задача', 'plan'),
      item('tasks', 'responsible', 'ответственный', 'plan'),
      item('tasks', 'due_on', 'срок', 'plan'),
      item('tasks', 'status', 'статус', 'plan'),
    ],
  },
  {
    code: 'aid_items',
    name: 'позиции_помощи',
    group: 'aid',
    fields: [
      item('aid_items', 'number', 'номер', 'aid'),
      item('aid_items', 'name', 'наименование', 'aid'),
      item('aid_items', 'unit', 'единица', 'aid'),
      item('aid_items', 'quantity', 'количество', 'aid'),
      item('aid_items', 'value', 'стоимость', 'aid'),
    ],
  },
];

const SCALAR_NAMES = new Set(SCALAR_PLACEHOLDERS.map((x) => x.name));
const LISTS_BY_NAME = new Map(LIST_PLACEHOLDERS.map((list) => [list.name, list]));

/** A tag found in a template: its name, and the tags inside it when it opens a section. */
export interface TemplateTag {
  name: string;
  section: boolean;
  inner: TemplateTag[];
}

/**
 * The first placeholder a template uses that the catalogue does not know, or null. At the top level a
 * tag names a field or a list (a list only as a section); inside a list's section, that list's item
 * fields or any top-level field; a section over a field is a condition (shown when not empty).
 */
export function unknownPlaceholder(tags: readonly TemplateTag[], list: PlaceholderList | null = null): string | null {
  for (const tag of tags) {
    const itemField = list?.fields.some((f) => f.name === tag.name) ?? false;
    const inner = LISTS_BY_NAME.get(tag.name);
    if (inner && list === null && tag.section) {
      const found = unknownPlaceholder(tag.inner, inner);
      if (found !== null) return found;
      continue;
    }
    if (!SCALAR_NAMES.has(tag.name) && !itemField) return tag.name;
    if (tag.section) {
      const found = unknownPlaceholder(tag.inner, list);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Every name a template uses, once, in order of first use. */
export function usedNames(tags: readonly TemplateTag[], into: string[] = []): string[] {
  for (const tag of tags) {
    if (!into.includes(tag.name)) into.push(tag.name);
    usedNames(tag.inner, into);
  }
  return into;
}
