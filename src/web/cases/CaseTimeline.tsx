// The case history as a story, newest first by the day things happened: what happened, and for
// changes old → new; when and by whom each was entered shows on demand. The case page brings the
// first page, "show more" the next ones. Event kinds come from every area (later ones add their
// own); an unknown kind still shows, by its code.
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Timeline, UnstyledButton } from '@mantine/core';
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
import type { TimelineEvent, TimelinePage } from '../../domain/cases/contracts.js';
import { SHIPPED_TEMPLATES } from '../../domain/assessments/shipped.js';
import { CHILD_WITH_FAMILY } from '../../domain/outcomes/contracts.js';
import { REFERRAL_SOURCES } from '../../domain/referrals/contracts.js';
import { CASE_ROLES, RISK_FLAGS, SENSITIVE_SECTIONS } from '../../domain/cases/sensitive.js';
import { CASE_ACTIONS, CASE_STATUSES, CLOSING_OUTCOMES } from '../../domain/cases/lifecycle.js';
import { CONSENT_KINDS, RELATIONS } from '../../domain/families/contracts.js';
import { INTAKE_DECISIONS } from '../../domain/referrals/contracts.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { currentLanguage } from '../app/i18n.js';
import { EmptyState } from '../app/states.js';
import { casesApi } from './api.js';
import { aidEventTitle, isAidEvent } from '../aid/timeline.js';
import { housingEventLines, housingEventTitle, isHousingEvent } from '../housing/timeline.js';
import { serviceEventLines } from '../services/timeline.js';
import { isMentoringEvent, mentoringEventLines, mentoringEventTitle } from '../mentoring/timeline.js';

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
    case 'plan_created':
      if (typeof data.goals === 'number' && typeof data.tasks === 'number')
        lines.push(t('cases.timeline.planSize', { goals: data.goals, tasks: data.tasks }));
      break;
    case 'plan_updated':
      if (Array.isArray(data.changes)) lines.push(...planChangeLines(t, data.changes));
      break;
    case 'assessment_completed': {
      const template = SHIPPED_TEMPLATES.find((x) => x.code === data.templateCode);
      const name = template ? template.name[currentLanguage()] : typeof data.templateCode === 'string' ? data.templateCode : '';
      // Whom it assessed: the child of a parent–child interaction, a member; nothing for the family.
      const who = typeof data.memberId === 'string' ? names.members.get(data.memberId) : undefined;
      lines.push([name, who].filter(Boolean).join(' · '));
      break;
    }
    case 'referral_received':
      if (oneOf(REFERRAL_SOURCES, data.source)) lines.push(t(`referrals.source.${data.source}`));
      break;
    case 'follow_up_recorded':
      if (data.milestone === 3 || data.milestone === 6 || data.milestone === 12)
        lines.push(t(`outcomes.followUp.milestones.${data.milestone}`));
      if (oneOf(CHILD_WITH_FAMILY, data.childWithFamily))
        lines.push(`${t('cases.timeline.childWithFamily')}: ${t(`outcomes.followUp.answers.${data.childWithFamily}`)}`);
      break;
    case 'assessment_amended':
    case 'plan_reviewed':
      if (typeof data.reason === 'string') lines.push(data.reason);
      if (typeof data.nextReviewOn === 'string')
        lines.push(t('cases.timeline.nextReview', { date: data.nextReviewOn.split('-').reverse().join('.') }));
      break;
    case 'status_changed': {
      // The title says what happened (admitted, moved to post-support, closed…); the line, from what to what.
      const status = data.status as Change<string> | undefined;
      const label = (value: unknown) => (oneOf(CASE_STATUSES, value) ? t(`cases.statuses.${value}`) : '—');
      if (status) lines.push(`${t('cases.timeline.fields.status')}: ${change(label(status.from), label(status.to))}`);
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
      if (isHousingEvent(event.kind)) lines.push(...housingEventLines(t, event, names.members));
      else if (isMentoringEvent(event.kind)) lines.push(...mentoringEventLines(t, event));
      break;
  }
  return lines.filter(Boolean);
}

const PLAN_CHANGE = /^([+-]) (goal|task): (.*)$|^(goal|task) (.*): (due )?(.*) → (.*)$/;

/** A plan version's changes in words ("+ goal: …" from the server reads «Новая цель: …»); three at most. */
function planChangeLines(t: TFunction, changes: unknown[]): string[] {
  const lines = changes.slice(0, 3).map((raw) => {
    const match = PLAN_CHANGE.exec(String(raw));
    if (!match) return String(raw);
    if (match[1])
      return t(`cases.timeline.planChange.${match[1] === '+' ? 'added' : 'removed'}_${match[2] as 'goal' | 'task'}`, {
        title: match[3] ?? '',
      });
    const word = (value: string) =>
      match[6] ? formatDate(value) : t(`cases.timeline.planChange.status.${value}`, { defaultValue: value });
    return t(`cases.timeline.planChange.changed_${match[4] as 'goal' | 'task'}`, {
      title: match[5] ?? '',
      change: `${word(match[7]!)} → ${word(match[8]!)}`,
    });
  });
  if (changes.length > 3) lines.push(t('cases.timeline.planChange.more', { count: changes.length - 3 }));
  return lines;
}

function title(t: TFunction, event: TimelineEvent): string {
  if (event.kind === 'status_changed' && oneOf(CASE_ACTIONS, event.data.action)) return t(`cases.timeline.actions.${event.data.action}`);
  if (isKnown(event.kind)) return t(`cases.timeline.kinds.${event.kind}`);
  if (isAidEvent(event.kind)) return aidEventTitle(t, event.kind);
  if (isMentoringEvent(event.kind)) return mentoringEventTitle(t, event.kind);
  return isHousingEvent(event.kind) ? housingEventTitle(t, event.kind) : event.kind;
}

/** When and by whom an event was entered, shown on demand (a record entered after the fact says so). */
function Entered({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const late = event.recordedAt.slice(0, 10) > event.occurredOn;
  return (
    <Group gap={6} wrap="wrap">
      <Text size="xs" c="dimmed" data-testid="occurred-on">
        {formatDate(event.occurredOn)}
      </Text>
      <UnstyledButton onClick={() => setOpen((v) => !v)} aria-expanded={open} fz="xs" c="blue">
        {late ? t('cases.timeline.enteredLater') : t('cases.timeline.whoEntered')}
      </UnstyledButton>
      {open && (
        <Text size="xs" c="dimmed">
          {t('cases.timeline.entered', { at: formatDateTime(event.recordedAt), name: event.recordedBy ?? '—' })}
        </Text>
      )}
    </Group>
  );
}

interface More {
  items: TimelineEvent[];
  next: string | null;
  loading: boolean;
  failed: boolean;
}
const NO_MORE: More = { items: [], next: null, loading: false, failed: false };

export function CaseTimeline({ caseId, first, names }: { caseId: string; first: TimelinePage; names: Names }) {
  const { t } = useTranslation();
  const [more, setMore] = useState<More>(NO_MORE);
  // A new first page (the case changed) starts the story again from the top.
  useEffect(() => setMore(NO_MORE), [first]);
  const next = more.items.length > 0 ? more.next : first.next;
  const events = [...first.items, ...more.items];
  const showMore = async () => {
    if (!next) return;
    setMore((m) => ({ ...m, loading: true, failed: false }));
    try {
      const page = await casesApi.timeline(caseId, next);
      setMore((m) => ({ items: [...m.items, ...page.items], next: page.next, loading: false, failed: false }));
    } catch {
      setMore((m) => ({ ...m, loading: false, failed: true }));
    }
  };
  if (events.length === 0) return <EmptyState>{t('cases.timeline.empty')}</EmptyState>;
  return (
    <Stack gap="sm">
      <Timeline bulletSize={22} lineWidth={2} active={events.length} aria-label={t('cases.timeline.title')}>
        {events.map((event) => (
          <Timeline.Item
            key={event.id}
            data-kind={event.kind}
            bullet={isKnown(event.kind) ? (ICONS[event.kind] ?? <IconFlag size={14} />) : <IconFlag size={14} />}
            title={
              <Text size="sm" fw={600} component="span">
                {title(t, event)}
              </Text>
            }
          >
            <Stack gap={0}>
              {details(t, event, names).map((line, index) => (
                <Text key={index} size="sm">
                  {line}
                </Text>
              ))}
              <Entered event={event} />
            </Stack>
          </Timeline.Item>
        ))}
      </Timeline>
      {next && (
        <Button variant="light" size="xs" onClick={() => void showMore()} loading={more.loading}>
          {t('cases.timeline.showMore')}
        </Button>
      )}
      {more.failed && (
        <Text size="xs" c="red" role="alert">
          {t('cases.timeline.loadFailed')}
        </Text>
      )}
    </Stack>
  );
}
