// The partner directory at network scale (issue 15): `--specialists` external specialists (default
// 20,000) and a quarter as many partner organisations (5,000 by default) over 60 cities in 12
// regions, each organisation with a contact person, half of them with a cooperation agreement,
// and services described in words the directory is searched by (логопед, продукты, опека…).
import { pick, uuidFrom } from '../lib/random.js';
import { bulkInsert } from '../lib/bulk.js';
import type { Dataset } from '../lib/types.js';
import { personName } from './names.js';
import { staffWithRole, type StaffData } from './staff.js';

const KINDS = [
  'guardianship_office',
  'maternity_hospital',
  'polyclinic',
  'school_kindergarten',
  'employment_centre',
  'social_protection',
  'mfc',
  'police',
  'court',
  'ngo',
  'church',
  'business',
  'other',
] as const;
const PROFESSIONS = [
  'psychologist',
  'defectologist',
  'speech_therapist',
  'social_worker',
  'guardianship_inspector',
  'teacher',
  'doctor',
  'other',
];
const SERVICES = [
  'консультация юриста',
  'продуктовые наборы',
  'детское питание',
  'логопед',
  'дефектолог',
  'психолог для детей',
  'группа поддержки мам',
  'помощь с документами',
  'временное жильё',
  'вещевая помощь',
  'подбор вакансий',
  'патронаж новорождённых',
  'направление семей',
  'педиатр',
  'кружки для детей',
  'дрова и уголь',
];
export const PARTNER_SEARCH_WORDS = ['логопед', 'продукт', 'юрист', 'документ', 'жиль', 'психолог', 'педиатр', 'опек', 'вакансий', 'мам'];
const REGIONS = Array.from({ length: 12 }, (_, i) => `Область ${i + 1}`);
export const PARTNER_CITIES = Array.from({ length: 60 }, (_, i) => ({ region: REGIONS[i % 12]!, city: `Город ${i + 1}` }));

export interface PartnersData {
  /** A coordinator who reads and keeps the directory. */
  readerEmail: string;
  counts: Record<string, number>;
}

export const partnersDataset: Dataset<PartnersData, { staff: StaffData }> = {
  name: 'partners',
  description: 'partner organisations with contacts and agreements, external specialists',
  after: ['staff'],
  size: { option: 'specialists', default: 20_000, describe: 'number of external specialists (organisations: a quarter of it)' },
  async generate({ engine, size, random, needs, log }) {
    const { orgId } = needs.staff;
    const organisations = Math.max(20, Math.floor(size / 4));
    const today = new Date().toISOString().slice(0, 10);
    const partners = Array.from({ length: organisations }, (_, i) => {
      const place = pick(random, PARTNER_CITIES);
      const kind = pick(random, KINDS);
      const offered = [pick(random, SERVICES), pick(random, SERVICES), pick(random, SERVICES)];
      return {
        id: uuidFrom(random),
        org_id: orgId,
        kind,
        name: `Организация ${i + 1}`,
        region: place.region,
        city: place.city,
        district: `Район ${1 + Math.floor(random() * 5)}`,
        address: `ул. Партнёрская, ${i + 1}`,
        phones: `{"+7 900 ${String(i).padStart(7, '0')}"}`,
        services: offered.join(', '),
        audience: 'Семьи с детьми',
        tags: `{${[...new Set(offered)].map((s) => `"${s}"`).join(',')}}`,
      };
    });
    await bulkInsert(
      engine,
      'partners',
      {
        id: 'uuid',
        org_id: 'uuid',
        kind: 'text',
        name: 'text',
        region: 'text',
        city: 'text',
        district: 'text',
        address: 'text',
        phones: 'text[]',
        services: 'text',
        audience: 'text',
        tags: 'text[]',
      },
      partners,
    );
    const contacts = partners.map((p) => {
      const n = personName(random);
      return {
        id: uuidFrom(random),
        org_id: orgId,
        partner_id: p.id,
        name: `${n.lastName} ${n.firstName} ${n.middleName}`,
        position: 'Специалист',
      };
    });
    await bulkInsert(
      engine,
      'partner_contacts',
      { id: 'uuid', org_id: 'uuid', partner_id: 'uuid', name: 'text', position: 'text' },
      contacts,
    );
    const agreements = partners
      .filter((_, i) => i % 2 === 0)
      .map((p, i) => ({
        id: uuidFrom(random),
        org_id: orgId,
        partner_id: p.id,
        number: `С-${i + 1}`,
        signed_on: today,
        valid_from: today,
      }));
    await bulkInsert(
      engine,
      'partner_agreements',
      { id: 'uuid', org_id: 'uuid', partner_id: 'uuid', number: 'text', signed_on: 'date', valid_from: 'date' },
      agreements,
    );
    const specialists = Array.from({ length: size }, (_, i) => {
      const n = personName(random);
      const partner = random() < 0.7 ? pick(random, partners) : null;
      const place = partner ? { region: partner.region, city: partner.city } : pick(random, PARTNER_CITIES);
      return {
        id: uuidFrom(random),
        org_id: orgId,
        partner_id: partner?.id ?? null,
        last_name: n.lastName,
        first_name: n.firstName,
        middle_name: n.middleName,
        profession: pick(random, PROFESSIONS),
        region: place.region,
        city: place.city,
        phone: `+7 901 ${String(i).padStart(7, '0')}`,
        consent_on: today,
      };
    });
    await bulkInsert(
      engine,
      'external_specialists',
      {
        id: 'uuid',
        org_id: 'uuid',
        partner_id: 'uuid',
        last_name: 'text',
        first_name: 'text',
        middle_name: 'text',
        profession: 'text',
        region: 'text',
        city: 'text',
        phone: 'text',
        consent_on: 'date',
      },
      specialists,
    );
    log(`partners: ${partners.length} organisations, ${agreements.length} agreements, ${specialists.length} specialists`);
    return {
      readerEmail: staffWithRole(needs.staff, 'coordinator')[0]!.email,
      counts: {
        partners: partners.length,
        partner_contacts: contacts.length,
        partner_agreements: agreements.length,
        external_specialists: specialists.length,
      },
    };
  },
  describe: (info) => info.counts,
};
