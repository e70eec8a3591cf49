// Russian strings of a stay's life (issue 12): residents joining and leaving a stay under way, a
// birth recorded in the family, and the housing events of the case timeline told with room and dates.
export const staysRu = {
  actions: {
    join: 'Добавить в проживание',
    leave: 'Выбытие',
    birth: 'Родился ребёнок',
  },
  dialogs: {
    joinTitle: 'Новый жилец в проживании',
    leaveTitle: 'Выбытие из проживания',
    birthTitle: 'Рождение ребёнка',
  },
  fields: {
    member: 'Кто',
    on: 'С даты',
    reason: 'Причина',
    decidedOn: 'Дата решения',
    birthDate: 'Дата рождения',
    sex: 'Пол',
    firstName: 'Имя',
    lastName: 'Фамилия',
    middleName: 'Отчество',
    joinStay: 'Ребёнок живёт в центре с мамой с даты рождения',
    pastStay: 'Проживание уже завершилось (ввод из архива)',
    leaveNote: 'Почему выезжает',
  },
  joinReasons: {
    born: 'Родился в центре',
    returned: 'Вернулся (из больницы, от родственников)',
    other: 'Другое',
  },
  leaveReasons: {
    hospital: 'В больницу',
    to_relatives: 'К родственникам',
    other: 'Другое',
  },
  board: {
    leavings: 'Выезды: просроченные и ближайшие',
  },
  card: {
    since: 'с {{date}}',
    left: 'выбыл(а) {{date}}: {{reason}}',
    overdue: 'Плановый выезд просрочен',
    overdueShort: 'просрочено',
  },
  timeline: {
    stay_resident_joined: 'Новый жилец в проживании',
    stay_resident_left: 'Выбытие из проживания',
    birth: 'Рождение ребёнка',
    checkedIn: '{{room}}, с {{date}}; плановый выезд {{planned}}',
    extended: 'Плановый выезд: {{from}} → {{to}}, решение от {{on}}',
    moved: 'В комнату «{{room}}» с {{date}}',
    checkedOut: '{{date}} — {{reason}}',
    resident: '{{name}}: {{reason}}, с {{date}}',
    born: '{{name}}, родился(-ась) {{date}}',
    reason: 'Причина: {{reason}}',
  },
  birthSaved: 'Рождение записано',
};
