// Russian strings of the indicators area (indicator definitions, the shipped library, computed values).
export const indicatorsRu = {
  title: 'Показатели',
};
