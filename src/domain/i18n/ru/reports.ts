// Russian strings of the reports area (targets, plan-vs-actual report, records behind a figure, XLSX/PDF exports).
export const reportsRu = {
  title: 'План и факт',
};
