// Programmes and grant projects: period, funder, budget, the consents each requires and from when its
// follow-ups count. Everyone may see them, managers edit.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from '../../domain/access/contracts.js';
import { CONSENT_KINDS } from '../../domain/families/contracts.js';
import { formatDate, formatMoney } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { ProgrammeFormModal } from './ProgrammeFormModal.js';
import { useProgrammes } from './queries.js';

export function ProgrammesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('programmes.manage');
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<{ programme: ProgrammeView | null } | null>(null);
  return (
    <Page
      title={t('programmes.title')}
      actions={
        manage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ programme: null })}>
            {t('programmes.new')}
          </Button>
        )
      }
    >
      {programmes.isPending ? (
        <LoadingState />
      ) : programmes.isError ? (
        <ErrorState error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : programmes.data.length === 0 ? (
        <EmptyState />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programmes.name')}</Table.Th>
                <Table.Th>{t('programmes.period')}</Table.Th>
                <Table.Th>{t('programmes.funder')}</Table.Th>
                <Table.Th ta="right">{t('programmes.budget')}</Table.Th>
                <Table.Th>{t('programmes.settings')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                {manage && <Table.Th w={60} aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {programmes.data.map((programme) => (
                <Table.Tr key={programme.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {programme.name}
                    </Text>
                    {programme.description && (
                      <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                        {programme.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(programme.periodStart)} – {formatDate(programme.periodEnd)}
                  </Table.Td>
                  <Table.Td>{programme.funder || '—'}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {programme.budget === null ? '—' : formatMoney(programme.budget)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} maw={240}>
                      <Text size="xs">
                        {programme.requiredConsents.length === 0
                          ? t('programmes.noRequiredConsents')
                          : CONSENT_KINDS.filter((kind) => programme.requiredConsents.includes(kind))
                              .map((kind) => t(`consent.kinds.${kind}`))
                              .join(', ')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('programmes.followUpFromShort', { from: t(`programmes.followUpFromOptions.${programme.followUpFrom}`) })}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={programme.active ? 'green' : 'gray'} variant="dot">
                      {programme.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('common.edit')}: ${programme.name}`}
                        onClick={() => setEditing({ programme })}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProgrammeFormModal opened={editing !== null} programme={editing?.programme ?? null} onClose={() => setEditing(null)} />
    </Page>
  );
}
