// On a referral: the partner it came from (and who referred), and — when it was signposted — to
// whom, whether the help was taken up and when to follow up, with the follow-up form.
import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TakenUp } from '../../domain/partners/contracts.js';
import type { ReferralView } from '../../domain/referrals/contracts.js';
import { formatDate } from '../app/format.js';
import { useCan } from '../app/session.js';
import { FormError } from '../app/states.js';
import { referralKeys } from '../referrals/api.js';
import { partnersApi } from './api.js';
import { errorsByPath } from './PartnerForms.js';

const TAKEN_UP_COLOR: Record<TakenUp, string> = { yes: 'green', no: 'red', unknown: 'gray' };
const todayIso = () => new Date().toISOString().slice(0, 10);

export function ReferralPartnerFacts({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  if (!referral.partner) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="referral-partner">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {t('partners.referral.fromPartner')}
      </Text>
      <Text size="sm">
        {referral.partner.name} ({t(`partners.kinds.${referral.partner.kind as 'other'}`)})
        {referral.partnerContact &&
          ` — ${referral.partnerContact.name}${referral.partnerContact.position ? `, ${referral.partnerContact.position}` : ''}`}
      </Text>
    </Group>
  );
}

export function SignpostPanel({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const signpost = referral.signpost;
  const [takenUp, setTakenUp] = useState<TakenUp>(signpost?.takenUp === 'unknown' ? 'yes' : (signpost?.takenUp ?? 'yes'));
  const [followedUpOn, setFollowedUpOn] = useState(todayIso());
  const [nextFollowUpOn, setNext] = useState('');
  const [open, setOpen] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      partnersApi.signpostOutcome(referral.id, {
        takenUp,
        followedUpOn,
        nextFollowUpOn: takenUp === 'unknown' && nextFollowUpOn ? nextFollowUpOn : null,
        version: referral.version,
      }),
    onSuccess: async (updated) => {
      notifications.show({ color: 'green', message: t('partners.referral.outcomeSaved') });
      client.setQueryData(referralKeys.one(referral.id), updated);
      await client.invalidateQueries({ queryKey: referralKeys.all });
      setOpen(false);
    },
  });
  if (!signpost) return null;
  const errors = errorsByPath(save.error);
  return (
    <Stack gap={6} data-testid="referral-signpost">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
          {t('partners.referral.signpostTo')}
        </Text>
        <Stack gap={2}>
          {signpost.partnerName && <Text size="sm">{signpost.partnerName}</Text>}
          <Group gap="xs">
            <Badge color={TAKEN_UP_COLOR[signpost.takenUp]} variant="light">
              {t(`partners.takenUp.${signpost.takenUp}`)}
            </Badge>
            {signpost.followedUpOn && (
              <Text size="xs" c="dimmed">
                {t('partners.fields.followedUpOn')}: {formatDate(signpost.followedUpOn)}
              </Text>
            )}
            {!signpost.followedUpOn && signpost.followUpOn && (
              <Text size="xs" c="dimmed">
                {t('partners.fields.followUpOn')}: {formatDate(signpost.followUpOn)}
              </Text>
            )}
          </Group>
        </Stack>
      </Group>
      {can('referrals.create') && !open && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setOpen(true)}>
            {t('partners.referral.recordOutcome')}
          </Button>
        </Group>
      )}
      {open && (
        <Stack gap="xs">
          <SegmentedControl
            value={takenUp}
            onChange={(v) => setTakenUp(v as TakenUp)}
            data={(['yes', 'no', 'unknown'] as const).map((v) => ({ value: v, label: t(`partners.takenUp.${v}`) }))}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('partners.fields.followedUpOn')}
              value={followedUpOn}
              onChange={(e) => setFollowedUpOn(e.currentTarget.value)}
              error={errors.followedUpOn}
            />
            {takenUp === 'unknown' && (
              <TextInput
                type="date"
                label={t('partners.fields.nextFollowUpOn')}
                value={nextFollowUpOn}
                onChange={(e) => setNext(e.currentTarget.value)}
                error={errors.nextFollowUpOn}
              />
            )}
          </Group>
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
