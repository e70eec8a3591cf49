// The case history, newest first: what happened, who did it, and for changes old → new. Event kinds
// come from every area (later ones add their own); an unknown kind still shows, by its code.
import type { ReactNode } from 'react';
import { Group, Stack, Text, Timeline } from '@mantine/core';
import {
  IconArrowRight,
  IconCircleDot,
  IconFileCheck,
  IconFlag,
  IconLock,
  IconUserPlus,
  IconUsers,
  IconCalendarEvent,
  IconHeartHandshake,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../domain/cases/contracts.js';
import { CASE_ROLES, RISK_FLAGS, SENSITIVE_SECTIONS } from '../../domain/cases/sensitive.js';
import { CASE_STATUSES, CLOSING_OUTCOMES } from '../../domain/cases/lifecycle.js';
import { CONSENT_KINDS, RELATIONS } from '../../domain/families/contracts.js';
import { INTAKE_DECISIONS } from '../../domain/referrals/contracts.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { EmptyState } from '../app/states.js';
import { serviceEventLines } from '../services/timeline.js';

const KNOWN_KINDS = [
  'case_opened',
  'case_updated',
  'status_changed',
  'intake_recorded',
  'referral_merged',
  'family_updated',
  'member_added',
  'member_updated',
  'contact_added',
  'contact_removed',
  'consent_recorded',
  'consent_withdrawn',
  'sensitive_note_added',
  'service_recorded',
  'service_withdrawn',
  'group_attended',
  'referral_received',
  'assessment_completed',
  'assessment_amended',
  'plan_created',
  'plan_updated',
  'plan_reviewed',
  'task_completed',
  'task_status_changed',
  'outcome_marked',
  'follow_up_recorded',
] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];

const ICONS: Partial<Record<KnownKind, ReactNode>> = {
  case_opened: <IconCircleDot size={14} />,
  status_changed: <IconArrowRight size={14} />,
  case_updated: <IconUsers size={14} />,
  intake_recorded: <IconCalendarEvent size={14} />,
  member_added: <IconUserPlus size={14} />,
  consent_recorded: <IconFileCheck size={14} />,
  consent_withdrawn: <IconFileCheck size={14} />,
  sensitive_note_added: <IconLock size={14} />,
  service_recorded: <IconHeartHandshake size={14} />,
  group_attended: <IconUsersGroup size={14} />,
};

const isKnown = (kind: string): kind is KnownKind => (KNOWN_KINDS as readonly string[]).includes(kind);
const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

interface Names {
  staff: Map<string, string>;
  members: Map<string, string>;
}

interface Change<T> {
  from?: T;
  to?: T;
}

function flagList(t: TFunction, flags: unknown): string {
  if (!Array.isArray(flags) || flags.length === 0) return '—';
  return flags.map((flag) => (oneOf(RISK_FLAGS, flag) ? t(`cases.riskFlags.${flag}`) : String(flag))).join(', ');
}

function teamList(t: TFunction, team: unknown, names: Names): string {
  if (!Array.isArray(team) || team.length === 0) return '—';
  return (team as { userId?: string; role?: string }[])
    .map((member) => {
      const name = names.staff.get(member.userId ?? '') ?? '…';
      return oneOf(CASE_ROLES, member.role) ? `${name} (${t(`cases.roles.${member.role}`)})` : name;
    })
    .join(', ');
}

/** The lines under an event's title: what changed, from what to what. */
function details(t: TFunction, event: TimelineEvent, names: Names): string[] {
  const data = event.data;
  const lines: string[] = [];
  const change = (from: string, to: string) => t('cases.timeline.change', { from, to });
  switch (event.kind) {
    case 'task_completed':
    case 'task_status_changed':
      if (typeof data.title === 'string') lines.push(data.title);
      break;
    case 'assessment_amended':
    case 'plan_reviewed':
      if (typeof data.reason === 'string') lines.push(data.reason);
      if (typeof data.nextReviewOn === 'string')
        lines.push(t('cases.timeline.nextReview', { date: data.nextReviewOn.split('-').reverse().join('.') }));
      break;
    case 'status_changed': {
      const status = data.status as Change<string> | undefined;
      const label = (value: unknown) => (oneOf(CASE_STATUSES, value) ? t(`cases.statuses.${value}`) : '—');
      if (status) lines.push(change(label(status.from), label(status.to)));
      if (oneOf(CLOSING_OUTCOMES, data.outcome)) lines.push(t('cases.timeline.outcome', { outcome: t(`cases.outcomes.${data.outcome}`) }));
      if (typeof data.reason === 'string' && data.reason) lines.push(data.reason);
      break;
    }
    case 'case_updated': {
      const lead = data.leadId as Change<string> | undefined;
      if (lead)
        lines.push(
          `${t('cases.timeline.fields.leadId')}: ${change(names.staff.get(lead.from ?? '') ?? '—', names.staff.get(lead.to ?? '') ?? '—')}`,
        );
      const flags = data.riskFlags as Change<unknown> | undefined;
      if (flags) lines.push(`${t('cases.timeline.fields.riskFlags')}: ${change(flagList(t, flags.from), flagList(t, flags.to))}`);
      const team = data.team as Change<unknown> | undefined;
      if (team) lines.push(`${t('cases.timeline.fields.team')}: ${teamList(t, team.to, names)}`);
      break;
    }
    case 'case_opened':
      if (typeof data.openedOn === 'string') lines.push(formatDate(data.openedOn));
      if (typeof data.leadId === 'string' && names.staff.has(data.leadId))
        lines.push(`${t('cases.timeline.fields.leadId')}: ${names.staff.get(data.leadId)}`);
      break;
    case 'intake_recorded':
      if (typeof data.metOn === 'string' && oneOf(INTAKE_DECISIONS, data.decision))
        lines.push(
          t('referrals.intake.recorded', {
            date: formatDate(data.metOn),
            location: typeof data.location === 'string' ? data.location : '',
            decision: t(`referrals.intake.decisions.${data.decision}`),
          }),
        );
      break;
    case 'consent_recorded':
    case 'consent_withdrawn': {
      const who = names.members.get(String(data.memberId ?? '')) ?? '';
      const kind = oneOf(CONSENT_KINDS, data.kind) ? t(`consent.kinds.${data.kind}`) : '';
      lines.push([who, kind].filter(Boolean).join(': '));
      break;
    }
    case 'member_added':
      lines.push(
        [
          oneOf(RELATIONS, data.relation) ? t(`families.relation.${data.relation}`) : '',
          typeof data.firstName === 'string' ? data.firstName : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      break;
    case 'member_updated': {
      const who = names.members.get(String(data.memberId ?? ''));
      if (who) lines.push(who);
      break;
    }
    case 'sensitive_note_added':
      if (oneOf(SENSITIVE_SECTIONS, data.section)) lines.push(t(`families.sensitive.sections.${data.section}`));
      break;
    case 'service_recorded':
    case 'service_withdrawn':
    case 'group_attended':
      lines.push(...serviceEventLines(t, event));
      break;
    default:
      break;
  }
  return lines.filter(Boolean);
}

export function CaseTimeline({ events, names }: { events: TimelineEvent[]; names: Names }) {
  const { t } = useTranslation();
  if (events.length === 0) return <EmptyState>{t('cases.timeline.empty')}</EmptyState>;
  return (
    <Timeline bulletSize={22} lineWidth={2} active={events.length} aria-label={t('cases.timeline.title')}>
      {events.map((event) => (
        <Timeline.Item
          key={event.id}
          bullet={isKnown(event.kind) ? (ICONS[event.kind] ?? <IconFlag size={14} />) : <IconFlag size={14} />}
          title={
            <Text size="sm" fw={600} component="span">
              {isKnown(event.kind) ? t(`cases.timeline.kinds.${event.kind}`) : event.kind}
            </Text>
          }
        >
          <Stack gap={0}>
            {details(t, event, names).map((line, index) => (
              <Text key={index} size="sm">
                {line}
              </Text>
            ))}
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at)}
              </Text>
              {event.actorName && (
                <Text size="xs" c="dimmed">
                  · {event.actorName}
                </Text>
              )}
            </Group>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
