// Russian strings of the indicators area (indicator definitions, the shipped library, computed values).
export const indicatorsRu = {
  title: 'Показатели',
  breakdown: { unknown: 'Не указано' },
  ageBand: {
    '0_2': '0–2 года',
    '3_6': '3–6 лет',
    '7_13': '7–13 лет',
    '14_17': '14–17 лет',
    '18_24': '18–24 года',
    '25_34': '25–34 года',
    '35_49': '35–49 лет',
    '50_plus': '50 лет и старше',
    unknown: 'Возраст не указан',
  },
  sex: { female: 'Женский', male: 'Мужской', unknown: 'Не указан' },
};
