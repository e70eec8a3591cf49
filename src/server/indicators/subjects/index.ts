// The registry of subjects: one module each. A new kind of record (aid, mentoring, trainings) adds
// its subject to SUBJECTS in the domain and its module here.
import type { Subject } from '../../../domain/indicators/definition.js';
import { aid, aidFamilies, aidValue } from './aid.js';
import { assessments } from './assessments.js';
import { attendance } from './attendance.js';
import { cases, families } from './cases.js';
import { bedNights, stays } from './housing.js';
import { houseJournal } from './journal.js';
import { outcomes } from './outcomes.js';
import { partnerAgreements } from './partners.js';
import { children, people, residents } from './people.js';
import { tasks } from './plans.js';
import { referrals } from './referrals.js';
import { familiesServed, hours, services, sessions } from './services.js';
import { specialistConsultations, trainedSpecialists, trainingHours, trainingsHeld } from './trainings.js';
import { shifts } from './shifts.js';
import { mentoredFamilies, mentoredToMentor, mentoringHours, mentoringMatches, trainedMentors } from './mentoring.js';
import { newVolunteers, volunteerHours, volunteers, volunteerTeams } from './volunteers.js';
import type { SubjectModule } from './types.js';

export const SUBJECT_MODULES: Record<Subject, SubjectModule> = {
  families,
  cases,
  families_served: familiesServed,
  people,
  children,
  residents,
  services,
  hours,
  sessions,
  stays,
  bed_nights: bedNights,
  tasks,
  assessments,
  attendance,
  referrals,
  outcomes,
  house_journal: houseJournal,
  aid,
  aid_value: aidValue,
  aid_families: aidFamilies,
  partner_agreements: partnerAgreements,
  trained_specialists: trainedSpecialists,
  training_hours: trainingHours,
  trainings_held: trainingsHeld,
  specialist_consultations: specialistConsultations,
  shifts,
  trained_mentors: trainedMentors,
  mentoring_matches: mentoringMatches,
  mentored_families: mentoredFamilies,
  mentoring_hours: mentoringHours,
  mentored_to_mentor: mentoredToMentor,
  volunteers,
  volunteer_hours: volunteerHours,
  new_volunteers: newVolunteers,
  volunteer_teams: volunteerTeams,
};
