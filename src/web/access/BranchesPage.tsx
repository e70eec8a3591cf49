// Branches of the organisation (offices in cities): everyone may see them, managers edit.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BranchView } from '../../domain/access/contracts.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { BranchFormModal } from './BranchFormModal.js';
import { useBranches } from './queries.js';

export function BranchesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('branches.manage');
  const branches = useBranches();
  const [editing, setEditing] = useState<{ branch: BranchView | null } | null>(null);
  return (
    <Page
      title={t('branches.title')}
      actions={
        manage && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ branch: null })}>
            {t('branches.new')}
          </Button>
        )
      }
    >
      {branches.isPending ? (
        <LoadingState />
      ) : branches.isError ? (
        <ErrorState error={branches.error} onRetry={() => void branches.refetch()} />
      ) : branches.data.length === 0 ? (
        <EmptyState />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('branches.name')}</Table.Th>
                <Table.Th>{t('branches.city')}</Table.Th>
                <Table.Th>{t('branches.region')}</Table.Th>
                <Table.Th>{t('branches.address')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                {manage && <Table.Th w={60} aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {branches.data.map((branch) => (
                <Table.Tr key={branch.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {branch.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{branch.city}</Table.Td>
                  <Table.Td>{branch.region || '—'}</Table.Td>
                  <Table.Td>{branch.address || '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={branch.active ? 'green' : 'gray'} variant="dot">
                      {branch.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </Table.Td>
                  {manage && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`${t('common.edit')}: ${branch.name}`}
                        onClick={() => setEditing({ branch })}
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
      <BranchFormModal opened={editing !== null} branch={editing?.branch ?? null} onClose={() => setEditing(null)} />
    </Page>
  );
}
