// Russian strings of the roles editor (issue 12): roles the organisation makes itself from the
// permissions, renamed and deleted while nobody holds them.
export const roleEditorRu = {
  create: 'Новая роль',
  createTitle: 'Новая роль организации',
  createHint: 'Например: дефектолог, логопед, кладовщик. Права отметьте в таблице после создания или сразу здесь.',
  name: 'Название роли',
  permissions: 'Права',
  rename: 'Переименовать',
  renameTitle: 'Переименовать роль',
  delete: 'Удалить',
  deleteConfirm: 'Удалить роль «{{name}}»? Её не назначено ни одному сотруднику.',
  holders_one: '{{count}} сотрудник',
  holders_few: '{{count}} сотрудника',
  holders_many: '{{count}} сотрудников',
  holders_other: '{{count}} сотрудника',
  custom: 'Роль организации',
  created: 'Роль создана',
  renamed: 'Роль переименована',
  deleted: 'Роль удалена',
  errors: {
    builtin: 'Встроенную роль нельзя переименовать или удалить — можно изменить только её права',
    in_use: 'Роль назначена сотрудникам: сначала снимите её с них',
  },
};
