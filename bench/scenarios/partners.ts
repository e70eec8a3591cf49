// Scenarios of the partner directory (issue 15), on 5,000 organisations and 20,000 external
// specialists: searching the directory by a word of the services (with or without a kind, region or
// city), and the specialists by a surname's beginning and a city. Target from the issue: the
// directory search p95 ≤ 50 ms on PostgreSQL (one client).
import { PARTNER_CITIES, PARTNER_SEARCH_WORDS, type PartnersData } from '../datasets/partners.js';
import { SURNAME_FRAGMENTS } from '../datasets/names.js';
import { pick } from '../lib/random.js';
import type { Scenario } from '../lib/types.js';

const partners = (data: Record<string, unknown>) => data.partners as PartnersData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const KINDS = ['guardianship_office', 'polyclinic', 'ngo', 'school_kindergarten'];

export const partnerScenarios: Scenario[] = [
  {
    name: 'partners.search',
    description: 'GET /api/partners: the directory searched by a word of the services, now and then with a kind, region or city',
    datasets: ['partners'],
    connections: [1, 20],
    loginAs: ({ data }) => partners(data).readerEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session, random }) => [
      {
        method: 'GET',
        path: '/api/partners',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => {
          const query = new URLSearchParams({ q: pick(random, PARTNER_SEARCH_WORDS) });
          const extra = random();
          const place = pick(random, PARTNER_CITIES);
          if (extra < 0.25) query.set('kind', pick(random, KINDS));
          else if (extra < 0.5) query.set('region', place.region);
          else if (extra < 0.75) query.set('city', place.city);
          return { ...request, path: `/api/partners?${query.toString()}` };
        },
      },
    ],
  },
  {
    name: 'partners.specialists',
    description: 'GET /api/specialists: external specialists by a surname’s beginning, half the time in one city',
    datasets: ['partners'],
    connections: [1],
    loginAs: ({ data }) => partners(data).readerEmail,
    targets: { 1: { p95Ms: 50 } },
    requests: ({ session, random }) => [
      {
        method: 'GET',
        path: '/api/specialists',
        headers: withCookie(session?.cookie),
        setupRequest: (request) => {
          const query = new URLSearchParams({ q: pick(random, SURNAME_FRAGMENTS) });
          if (random() < 0.5) query.set('city', pick(random, PARTNER_CITIES).city);
          return { ...request, path: `/api/specialists?${query.toString()}` };
        },
      },
    ],
  },
];
