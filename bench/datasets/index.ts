// Every dataset the benchmark can generate. A new area adds its generator here (it may build on
// `staff`: list it in `after`, and its results arrive in ctx.needs.staff).
import type { AnyDataset } from '../lib/types.js';
import { aidDataset } from './aid.js';
import { caseworkDataset } from './casework.js';
import { documentsDataset } from './documents.js';
import { housingDataset } from './housing.js';
import { mentoringDataset } from './mentoring.js';
import { partnersDataset } from './partners.js';
import { plansDataset } from './plans.js';
import { resultsDataset } from './results.js';
import { servicesDataset } from './services.js';
import { staffDataset } from './staff.js';
import { timelineDataset } from './timeline.js';
import { trainingsDataset } from './trainings.js';
import { volunteersDataset } from './volunteers.js';

export const DATASETS: readonly AnyDataset[] = [
  staffDataset,
  caseworkDataset,
  plansDataset,
  servicesDataset,
  housingDataset,
  resultsDataset,
  aidDataset,
  partnersDataset,
  timelineDataset,
  mentoringDataset,
  trainingsDataset,
  volunteersDataset,
  documentsDataset,
];
