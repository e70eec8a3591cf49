// English strings of the case page (issue 12, points 3, 9, 10): the consents the programme
// requires, the consent a sensitive section needs, the case's tabs, and the dates of records
// entered after the fact (the plan made, a task done, a sensitive note).
import type { casePageRu } from '../ru/casePage.js';

export const casePageEn: typeof casePageRu = {
  consents: {
    missingTitle: 'Required consents missing',
    required: 'The programme requires of the adults in the family: {{kinds}}. Other consents are up to the family.',
    allRequired: 'Required consents given',
  },
  sensitive: {
    needs: 'Needs the consent “{{consent}}”',
    lacking: 'not given by: {{names}}',
    given: 'given by every adult',
  },
  dates: {
    madeOn: 'Date the plan was made',
    madeOnHint: 'When the plan was made with the mother; the first-plan deadline is judged on this date',
    completedOn: 'Date done',
    doneOn: 'Done on another day…',
    doneOnTitle: 'When the task was done',
    notedOn: 'Date',
    notedOnHint: 'When this became known',
  },
};
