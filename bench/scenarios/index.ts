// Every scenario the benchmark can run, in the order they run. A new area adds its file here
// (e.g. cases: the case list and case page on a `families` dataset, with the targets).
import type { Scenario } from '../lib/types.js';
import { aidScenarios } from './aid.js';
import { caseScenarios } from './cases.js';
import { documentScenarios } from './documents.js';
import { fileScenarios } from './files.js';
import { foundationScenarios } from './foundation.js';
import { housingScenarios } from './housing.js';
import { mentoringScenarios } from './mentoring.js';
import { partnerScenarios } from './partners.js';
import { planScenarios } from './plans.js';
import { resultsScenarios } from './results.js';
import { serviceScenarios } from './services.js';
import { timelineScenarios } from './timeline.js';
import { trainingScenarios } from './trainings.js';
import { volunteerScenarios } from './volunteers.js';

export const SCENARIOS: readonly Scenario[] = [
  ...foundationScenarios,
  ...caseScenarios,
  ...planScenarios,
  ...serviceScenarios,
  ...housingScenarios,
  ...resultsScenarios,
  ...aidScenarios,
  ...partnerScenarios,
  ...timelineScenarios,
  ...mentoringScenarios,
  ...trainingScenarios,
  ...volunteerScenarios,
  ...documentScenarios,
  ...fileScenarios,
];
