// A case at a glance: who the family is, where the case stands (status, days, lead and team), what
// is missing (consents, documents), its risk flags and everything that happened. Actions are those
// the lifecycle table allows in the current status, as the server reports them.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Grid, Group, List, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconEdit, IconFileAlert, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CaseAid } from '../aid/CaseAid.js';
import { CaseMentoring } from '../mentoring/CaseMentoring.js';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import type { CaseAction } from '../../domain/cases/lifecycle.js';
import { CONSENT_KINDS } from '../../domain/families/contracts.js';
import { isApiError } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { GenerateDocumentButton } from '../documents/GenerateDocument.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { BreakGlassBanner, BreakGlassRequest } from '../breakglass/BreakGlass.js';
import { ConsentsPanel } from '../families/ConsentsPanel.js';
import { FamilyEditor } from '../families/FamilyEditor.js';
import { SensitivePanel } from '../families/SensitivePanel.js';
import { CaseFilesTab } from '../files/CaseFilesTab.js';
import { CaseServiceHistory, CaseServicesCard } from '../services/CaseServices.js';
import { CaseAssessments } from '../assessments/CaseAssessments.js';
import { CasePlanPanel } from '../plans/CasePlanPanel.js';
import { CaseFeedback } from '../feedback/CaseFeedback.js';
import { CaseOutcomesPanel } from '../outcomes/CaseOutcomesPanel.js';
import { caseKeys, casesApi } from './api.js';
import { CaseTimeline } from './CaseTimeline.js';
import { ReferralLink } from './links.js';
import { CASE_STATUS_COLOR, isChild, memberAge, memberLabel } from './labels.js';
import { staffNames, useStaff } from './queries.js';
import { TeamFlagsModal } from './TeamFlagsModal.js';
import { TransitionModal } from './TransitionModal.js';

/** The consents the programme requires, and whose are missing; optional consents never raise it. */
function MissingConsents({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const byId = new Map(detail.family.members.map((member) => [member.id, member]));
  const kindName = (kind: string) =>
    (CONSENT_KINDS as readonly string[]).includes(kind) ? t(`consent.kinds.${kind as (typeof CONSENT_KINDS)[number]}`) : kind;
  const missing = detail.missingConsents.filter((entry) => entry.kinds.length > 0);
  if (missing.length === 0)
    return (
      <Group gap={6} data-testid="consents-warning" data-state="ok">
        <IconCircleCheck size={16} color="var(--mantine-color-green-7)" />
        <Text size="sm">{t('casePage.consents.allRequired')}</Text>
      </Group>
    );
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('casePage.consents.missingTitle')}
      p="sm"
      data-testid="consents-warning"
      data-state="missing"
    >
      <List size="sm" spacing={2}>
        {missing.map((entry) => {
          const member = byId.get(entry.memberId);
          return (
            <List.Item key={entry.memberId}>
              {t('consent.missing', { name: member ? memberLabel(member) : '—', kinds: entry.kinds.map(kindName).join(', ') })}
            </List.Item>
          );
        })}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        {t('casePage.consents.required', { kinds: detail.requiredConsents.map(kindName).join(', ') })}
      </Text>
    </Alert>
  );
}

function Members({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      {detail.family.members.map((member) => (
        <Group key={member.id} justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0}>
            <Text size="sm" fw={isChild(member) ? 400 : 600}>
              {memberLabel(member)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`families.relation.${member.relation}`)}
              {member.documents.some((doc) => doc.status === 'lost' || doc.status === 'being_restored') &&
                ` · ${member.documents
                  .filter((doc) => doc.status === 'lost' || doc.status === 'being_restored')
                  .map((doc) => `${t(`families.document.kinds.${doc.kind}`)}: ${t(`families.document.statuses.${doc.status}`)}`)
                  .join(', ')}`}
            </Text>
          </Stack>
          {memberAge(t, member) && (
            <Badge variant="light" color={isChild(member) ? 'grape' : 'gray'} style={{ flexShrink: 0 }}>
              {memberAge(t, member)}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function TeamCard({ detail, onEdit, canEdit }: { detail: CaseDetail; onEdit: () => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const team = detail.case.team.filter((member) => member.role !== 'lead');
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb={6}>
        <Title order={4}>{t('cases.team')}</Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={onEdit}>
            {t('cases.editTeam')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('cases.lead')}:{' '}
          </Text>
          <span data-testid="case-lead">{detail.case.leadName}</span>
        </Text>
        {team.map((member) => (
          <Text size="sm" key={`${member.userId}:${member.role}`}>
            <Text span c="dimmed" size="sm">
              {t(`cases.roles.${member.role}`)}:{' '}
            </Text>
            {member.name}
          </Text>
        ))}
        <Group gap={4} mt={4} data-testid="case-flags">
          {detail.case.riskFlags.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('cases.noFlags')}
            </Text>
          ) : (
            detail.case.riskFlags.map((flag) => (
              <Badge key={flag} color="red" variant="light" size="sm">
                {t(`cases.riskFlags.${flag}`)}
              </Badge>
            ))
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const staff = useStaff();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [editing, setEditing] = useState(false);
  const { tab } = useSearch({ from: '/cases/$caseId' });
  const c = detail.case;
  // The lead or a responsible coordinator may change the case; the server decides, this only spares a 403.
  const canManage = can('cases.manage') || c.leadId === me.id;
  const names = {
    staff: new Map([...staffNames(staff.data), ...c.team.map((member) => [member.userId, member.name] as const)]),
    members: new Map(detail.family.members.map((member) => [member.id, memberLabel(member)])),
  };
  const transitions = canManage
    ? detail.allowedActions.map((allowed) => (
        <Button
          key={allowed}
          size="xs"
          variant={allowed === 'close' ? 'outline' : 'filled'}
          color={allowed === 'close' ? 'red' : undefined}
          onClick={() => setAction(allowed)}
        >
          {t(`cases.actions.${allowed}`)}
        </Button>
      ))
    : null;
  const actions = (
    <>
      <GenerateDocumentButton detail={detail} />
      {transitions}
    </>
  );
  return (
    <Page title={c.familyName} actions={actions}>
      <BreakGlassBanner caseId={c.id} />
      <Group gap="xs" mt={-8}>
        <Badge color={CASE_STATUS_COLOR[c.status]} size="lg" variant="filled" data-testid="case-status">
          {t(`cases.statuses.${c.status}`)}
        </Badge>
        <Text size="sm">{t('cases.days', { count: c.daysInProgramme })}</Text>
        <Text size="sm" c="dimmed">
          · {t('cases.openedOn', { date: formatDate(c.openedOn) })} · {c.programmeName} · {c.branchName}
        </Text>
        {c.referralId && (
          <ReferralLink referralId={c.referralId} size="sm">
            {t('cases.referral')}
          </ReferralLink>
        )}
      </Group>
      {c.status === 'closed' && c.closingOutcome && (
        <Alert color="gray" p="xs">
          {t('cases.closedWith', { date: c.closedOn ? formatDate(c.closedOn) : '', outcome: t(`cases.outcomes.${c.closingOutcome}`) })}
          {c.closingReason && ` — ${c.closingReason}`}
        </Alert>
      )}
      <CaseServicesCard detail={detail} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Tabs defaultValue={tab ?? 'overview'} keepMounted={false}>
            {/* Ten tabs do not fit one row of the case column at 1280–1366 px, nor a phone: they wrap
                onto a second row rather than scroll out of sight (issue 12, point 10). */}
            <Tabs.List style={{ flexWrap: 'wrap', rowGap: 2 }} data-testid="case-tabs">
              <Tabs.Tab value="overview">{t('cases.tabs.overview')}</Tabs.Tab>
              <Tabs.Tab value="plan">{t('plans.tab')}</Tabs.Tab>
              <Tabs.Tab value="assessments">{t('assessments.title')}</Tabs.Tab>
              <Tabs.Tab value="family">{t('cases.tabs.family')}</Tabs.Tab>
              <Tabs.Tab value="consents">{t('cases.tabs.consents')}</Tabs.Tab>
              <Tabs.Tab value="files">{t('files.title')}</Tabs.Tab>
              <Tabs.Tab value="services">{t('services.title')}</Tabs.Tab>
              <Tabs.Tab value="aid">{t('aid.caseTab')}</Tabs.Tab>
              {can('mentoring.read') && <Tabs.Tab value="mentoring">{t('mentoring.match.tab')}</Tabs.Tab>}
              <Tabs.Tab value="feedback">{t('dashboards.feedback.caseTab')}</Tabs.Tab>
              <Tabs.Tab value="outcomes">{t('outcomes.tab')}</Tabs.Tab>
              {detail.visibleSections.length > 0 && (
                <Tabs.Tab value="sensitive" leftSection={<IconLock size={14} />}>
                  {t('cases.tabs.sensitive')}
                </Tabs.Tab>
              )}
            </Tabs.List>
            <Tabs.Panel value="overview" pt="sm">
              <Stack gap="sm">
                <MissingConsents detail={detail} />
                <Group gap={6}>
                  {detail.documentsMissing > 0 ? (
                    <>
                      <IconFileAlert size={16} color="var(--mantine-color-orange-7)" />
                      <Text size="sm">{t('cases.documentsMissing', { count: detail.documentsMissing })}</Text>
                    </>
                  ) : (
                    <>
                      <IconCircleCheck size={16} color="var(--mantine-color-green-7)" />
                      <Text size="sm">{t('cases.documentsOk')}</Text>
                    </>
                  )}
                </Group>
                <Paper withBorder p="sm">
                  <Title order={4} mb={6}>
                    {t('families.members')}
                  </Title>
                  <Members detail={detail} />
                </Paper>
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="plan" pt="sm">
              <CasePlanPanel detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="assessments" pt="sm">
              <CaseAssessments detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="family" pt="sm">
              <FamilyEditor family={detail.family} caseId={c.id} />
            </Tabs.Panel>
            <Tabs.Panel value="consents" pt="sm">
              <ConsentsPanel detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="files" pt="sm">
              <CaseFilesTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="services" pt="sm">
              <CaseServiceHistory detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="aid" pt="sm">
              <CaseAid caseId={c.id} closed={c.status === 'closed'} />
            </Tabs.Panel>
            {can('mentoring.read') && (
              <Tabs.Panel value="mentoring" pt="sm">
                <CaseMentoring caseId={c.id} closed={c.status === 'closed'} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="feedback" pt="sm">
              <CaseFeedback caseId={c.id} />
            </Tabs.Panel>
            <Tabs.Panel value="outcomes" pt="sm">
              <CaseOutcomesPanel detail={detail} />
            </Tabs.Panel>
            {detail.visibleSections.length > 0 && (
              <Tabs.Panel value="sensitive" pt="sm">
                <SensitivePanel detail={detail} />
              </Tabs.Panel>
            )}
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <TeamCard detail={detail} onEdit={() => setEditing(true)} canEdit={canManage} />
            <Card withBorder padding="sm" component="section" aria-labelledby="case-history">
              <Title order={4} mb="sm" id="case-history">
                {t('cases.timeline.title')}
              </Title>
              <CaseTimeline caseId={detail.case.id} first={detail.timeline} names={names} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <TransitionModal detail={detail} action={action} onClose={() => setAction(null)} />
      <TeamFlagsModal detail={detail} opened={editing} onClose={() => setEditing(false)} />
    </Page>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const { caseId } = useParams({ from: '/cases/$caseId' });
  const detail = useQuery({ queryKey: caseKeys.one(caseId), queryFn: () => casesApi.get(caseId) });
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    // Outside the caller's scope reads exactly like missing: the page does not tell them apart.
    if (isApiError(detail.error, 'not_found') || isApiError(detail.error, 'forbidden') || isApiError(detail.error, 'validation'))
      return (
        <Page title={t('cases.title')}>
          <EmptyState>
            <span role="alert">{t('cases.notFound')}</span>
          </EmptyState>
          {isApiError(detail.error, 'not_found') && <BreakGlassRequest caseId={caseId} onGranted={() => void detail.refetch()} />}
        </Page>
      );
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <CaseView detail={detail.data} />;
}
