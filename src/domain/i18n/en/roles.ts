// English strings of the roles editor (issue 12).
import type { roleEditorRu } from '../ru/roles.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const roleEditorEn: Widen<typeof roleEditorRu> = {
  create: 'New role',
  createTitle: "New organisation's role",
  createHint: 'For example: defectologist, speech therapist, storekeeper. Tick its permissions here or later in the table.',
  name: 'Role name',
  permissions: 'Permissions',
  rename: 'Rename',
  renameTitle: 'Rename role',
  delete: 'Delete',
  deleteConfirm: 'Delete the role “{{name}}”? Nobody holds it.',
  holders_one: '{{count}} staff member',
  holders_few: '{{count}} staff members',
  holders_many: '{{count}} staff members',
  holders_other: '{{count}} staff members',
  custom: "Organisation's role",
  created: 'Role created',
  renamed: 'Role renamed',
  deleted: 'Role deleted',
  errors: {
    builtin: 'A built-in role cannot be renamed or deleted — only its permissions can change',
    in_use: 'Staff hold this role: take it from them first',
  },
};
