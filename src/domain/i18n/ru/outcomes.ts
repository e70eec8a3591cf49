// Russian strings of the outcomes area (outcome framework per programme, outcomes per family, cohorts and follow-up).
export const outcomesRu = {
  title: 'Результаты семей',
};
