// Russian strings of the case page (issue 12, points 3, 9, 10): the consents the programme
// requires, the consent a sensitive section needs, the case's tabs, and the dates of records
// entered after the fact (the plan made, a task done, a sensitive note).
export const casePageRu = {
  consents: {
    missingTitle: 'Не хватает обязательных согласий',
    required: 'Программа требует от взрослых членов семьи: {{kinds}}. Остальные согласия — по желанию семьи.',
    allRequired: 'Обязательные согласия получены',
  },
  sensitive: {
    needs: 'Нужно согласие: «{{consent}}»',
    lacking: 'не дали: {{names}}',
    given: 'получено у всех взрослых',
  },
  dates: {
    madeOn: 'Дата составления плана',
    madeOnHint: 'Когда план составлен вместе с мамой; срок первого плана считается по этой дате',
    completedOn: 'Дата выполнения',
    doneOn: 'Выполнена в другой день…',
    doneOnTitle: 'Когда задача выполнена',
    notedOn: 'Дата',
    notedOnHint: 'Когда это стало известно',
  },
};
