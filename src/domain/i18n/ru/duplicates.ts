// Russian strings of the possible duplicates a coordinator is asked to check (issue 11): a new
// referral that may be a family of her branch, registered by someone who may not see that family.
export const duplicatesRu = {
  title: 'Возможные повторы на проверку',
  hint: 'Новые направления, похожие на семьи вашего филиала. Автор направления видит только, что совпадение возможно.',
  referral: 'Направление от {{date}}, филиал «{{branch}}»',
  family: 'Похоже на семью',
  by: 'совпадает: {{reasons}}',
  born: 'род. {{date}}',
  same: 'Это та же семья',
  notSame: 'Это другая семья',
  resolved: 'Отмечено',
  empty: 'Проверять нечего',
};
