// English strings of a stay's life; the type keeps the keys the same as the Russian ones.
import type { staysRu } from '../ru/stays.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const staysEn: Widen<typeof staysRu> = {
  actions: {
    join: 'Add to the stay',
    leave: 'Leaves the stay',
    birth: 'A baby was born',
  },
  dialogs: {
    joinTitle: 'Joins the stay',
    leaveTitle: 'Leaves the stay',
    birthTitle: 'Birth of the child',
  },
  fields: {
    member: 'Who',
    on: 'From',
    reason: 'Reason',
    decidedOn: 'Decided on',
    birthDate: 'Date of birth',
    sex: 'Sex',
    firstName: 'First name',
    lastName: 'Surname',
    middleName: 'Patronymic',
    joinStay: 'The baby lives in the centre with the mother from the birth date',
    pastStay: 'The stay is already over (entered from records)',
    leaveNote: 'Why she is leaving',
  },
  joinReasons: {
    born: 'Born in the centre',
    returned: 'Came back (from hospital, from relatives)',
    other: 'Other',
  },
  leaveReasons: {
    hospital: 'To hospital',
    to_relatives: 'To relatives',
    other: 'Other',
  },
  board: {
    leavings: 'Leavings: overdue and in the next weeks',
  },
  card: {
    since: 'from {{date}}',
    left: 'left {{date}}: {{reason}}',
    overdue: 'Planned leaving date has passed',
    overdueShort: 'overdue',
  },
  timeline: {
    stay_resident_joined: 'Joined the stay',
    stay_resident_left: 'Left the stay',
    birth: 'Birth of a child',
    checkedIn: '{{room}}, from {{date}}; planned leaving {{planned}}',
    extended: 'Planned leaving: {{from}} → {{to}}, decided on {{on}}',
    moved: 'To room “{{room}}” from {{date}}',
    checkedOut: '{{date}} — {{reason}}',
    resident: '{{name}}: {{reason}}, from {{date}}',
    born: '{{name}}, born {{date}}',
    reason: 'Reason: {{reason}}',
  },
  birthSaved: 'Birth recorded',
};
