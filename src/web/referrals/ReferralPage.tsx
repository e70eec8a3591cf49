// One referral: what was asked and by whom, then what to do with it — triage while it is open, the
// intake meeting and its decision once the meeting is held. After an admission the case opens.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconClockExclamation, IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_REFERRAL_STATUSES, type ReferralView } from '../../domain/referrals/contracts.js';
import { useBranches, useProgrammes } from '../access/queries.js';
import { isApiError } from '../app/api.js';
import { formatDate, formatDateTime } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan, useMe } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { REFERRAL_STATUS_COLOR, URGENCY_COLOR } from '../cases/labels.js';
import { CaseButton } from '../cases/links.js';
import { staffNames, useStaff } from '../cases/queries.js';
import { familiesApi, familyKeys } from '../families/api.js';
import { referralKeys, referralsApi } from './api.js';
import { IntakeForm } from './IntakeForm.js';
import { clientName } from './ReferralsPage.js';
import { TriagePanel } from './TriagePanel.js';
import { ReferralPartnerFacts, SignpostPanel } from '../partners/SignpostPanel.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function Details({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const branches = useBranches();
  const programmes = useProgrammes();
  const staff = useStaff();
  const names = staffNames(staff.data);
  const family = useQuery({
    queryKey: familyKeys.one(referral.familyId ?? ''),
    queryFn: () => familiesApi.get(referral.familyId!),
    enabled: Boolean(referral.familyId),
    retry: false,
  });
  const intake = referral.intake;
  return (
    <Card withBorder padding="md">
      <Stack gap={6}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{referral.summary}</Text>
        <Fact label={t('referrals.fields.clientBirthDate')}>{referral.clientBirthDate && formatDate(referral.clientBirthDate)}</Fact>
        <Fact label={t('referrals.fields.clientPhone')}>{referral.clientPhone}</Fact>
        <Fact label={t('referrals.fields.source')}>
          {t(`referrals.source.${referral.source}`)}
          {referral.sourceOrganization && ` — ${referral.sourceOrganization}`}
        </Fact>
        <ReferralPartnerFacts referral={referral} />
        <Fact label={t('referrals.fields.callerName')}>{[referral.callerName, referral.callerContact].filter(Boolean).join(', ')}</Fact>
        <Fact label={t('referrals.fields.branchId')}>{branches.data?.find((b) => b.id === referral.branchId)?.name}</Fact>
        <Fact label={t('referrals.fields.programmeId')}>
          {programmes.data?.find((p) => p.id === referral.programmeId)?.name ?? t('referrals.noProgramme')}
        </Fact>
        <Fact label={t('referrals.fields.receivedAt')}>
          {formatDateTime(referral.receivedAt)}
          {referral.receivedBy && ` · ${referral.receivedBy}`}
        </Fact>
        {referral.familyId && <Fact label={t('families.family')}>{family.data?.name ?? t('referrals.linkedFamilyPlain')}</Fact>}
        {referral.intakeScheduledAt && (
          <Fact label={t('referrals.status.intake_scheduled')}>
            {t('referrals.scheduled', { at: formatDateTime(referral.intakeScheduledAt), location: referral.intakeLocation })}
            {referral.intakeAssignedTo && ` · ${names.get(referral.intakeAssignedTo) ?? ''}`}
          </Fact>
        )}
        {referral.outcomeNote && <Fact label={t('referrals.outcomeNote')}>{referral.outcomeNote}</Fact>}
        <SignpostPanel referral={referral} />
        {intake && (
          <Alert color="gray" p="sm" mt="xs">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('referrals.intake.recorded', {
                  date: formatDate(intake.metOn),
                  location: intake.location,
                  decision: t(`referrals.intake.decisions.${intake.decision}`),
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {intake.findings}
              </Text>
              {intake.caseId && (
                <Group>
                  <CaseButton caseId={intake.caseId} size="xs" rightSection={<IconExternalLink size={14} />}>
                    {t('referrals.openCase')}
                  </CaseButton>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function ReferralScreen({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const open = OPEN_REFERRAL_STATUSES.includes(referral.status);
  const canTriage = open && can('referrals.triage');
  // The intake worker records the meeting; those who triage may record it too (the server checks the same).
  const canIntake = open && (can('referrals.triage') || (can('referrals.create') && referral.intakeAssignedTo === me.id));
  const showIntakeFirst = referral.status === 'intake_scheduled' || referral.status === 'waitlisted';
  // A new referral is triaged first; its intake form opens on request (e.g. met right away in hospital).
  const [intakeRequested, setIntakeOpen] = useState(false);
  const intakeOpen = intakeRequested || showIntakeFirst;
  const triage = canTriage && (
    <Card withBorder padding="md" key="triage" component="section" aria-labelledby="referral-triage">
      <Title order={4} mb="sm" id="referral-triage">
        {t('referrals.triage.title')}
      </Title>
      <TriagePanel referral={referral} />
    </Card>
  );
  const intake = canIntake && (
    <Card withBorder padding="md" key="intake" component="section" aria-labelledby="referral-intake">
      <Title order={4} mb="sm" id="referral-intake">
        {t('referrals.intake.title')}
      </Title>
      {intakeOpen ? (
        <IntakeForm
          key={referral.version}
          referral={referral}
          onAdmitted={(caseId) => void navigate({ to: '/cases/$caseId', params: { caseId } })}
        />
      ) : (
        <Button variant="light" onClick={() => setIntakeOpen(true)}>
          {t('referrals.intake.record')}
        </Button>
      )}
    </Card>
  );
  return (
    <Page title={clientName(referral)}>
      <Group gap="xs" mt={-8}>
        <Badge color={REFERRAL_STATUS_COLOR[referral.status]} size="lg" data-testid="referral-status">
          {t(`referrals.status.${referral.status}`)}
        </Badge>
        <Badge color={URGENCY_COLOR[referral.urgency]} variant="light">
          {t('referrals.fields.urgency')}: {t(`referrals.urgency.${referral.urgency}`)}
        </Badge>
        {referral.overdue && (
          <Badge color="red" leftSection={<IconClockExclamation size={12} />}>
            {t('referrals.overdue')}
          </Badge>
        )}
        <Anchor component={Link} to="/referrals" size="sm">
          ← {t('referrals.title')}
        </Anchor>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Details referral={referral} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">{showIntakeFirst ? [intake, triage] : [triage, intake]}</Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

export function ReferralPage() {
  const { t } = useTranslation();
  const { referralId } = useParams({ from: '/referrals/$referralId' });
  const referral = useQuery({ queryKey: referralKeys.one(referralId), queryFn: () => referralsApi.get(referralId) });
  if (referral.isPending) return <LoadingState />;
  if (referral.isError) {
    if (isApiError(referral.error, 'not_found') || isApiError(referral.error, 'validation'))
      return (
        <Page title={t('referrals.title')}>
          <EmptyState>
            <span role="alert">{t('referrals.notFound')}</span>
          </EmptyState>
        </Page>
      );
    return <ErrorState error={referral.error} onRetry={() => void referral.refetch()} />;
  }
  return <ReferralScreen referral={referral.data} />;
}
