// The admin's view of devices holding an offline grant (issue 19, point 5): lock a lost phone (its
// sessions end; its next sync is refused and it wipes itself), and set after how many days without a
// sync every device wipes its offline data.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Page } from '../app/Page.js';
import { EmptyState, errorMessage, LoadingState } from '../app/states.js';
import { fieldApi } from './sync.js';

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const devices = useQuery({ queryKey: ['fieldwork', 'devices'], queryFn: fieldApi.devices });
  const settings = useQuery({ queryKey: ['fieldwork', 'settings'], queryFn: fieldApi.settings });
  const [days, setDays] = useState<number | string>('');
  useEffect(() => {
    if (settings.data) setDays(settings.data.offlineWipeDays);
  }, [settings.data]);
  const lock = useMutation({
    mutationFn: fieldApi.lock,
    onSuccess: () => client.invalidateQueries({ queryKey: ['fieldwork', 'devices'] }),
  });
  const save = useMutation({
    mutationFn: () => fieldApi.setSettings({ offlineWipeDays: Number(days) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['fieldwork', 'settings'] }),
  });
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
          new Date(iso),
        )
      : '—';
  return (
    <Page title={t('fieldwork.devices.title')}>
      <Group align="end">
        <NumberInput label={t('fieldwork.devices.wipeDays')} min={1} max={90} value={days} onChange={setDays} w={320} />
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      {save.error && <Alert color="red">{errorMessage(save.error, '')}</Alert>}
      {devices.isPending && <LoadingState />}
      {devices.data?.items.length === 0 && <EmptyState>{t('fieldwork.devices.none')}</EmptyState>}
      {devices.data && devices.data.items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldwork.devices.user')}</Table.Th>
              <Table.Th>{t('fieldwork.devices.label')}</Table.Th>
              <Table.Th>{t('fieldwork.devices.lastSync')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.userName}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {d.label || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{when(d.lastSyncAt)}</Table.Td>
                <Table.Td>
                  {d.lockedAt ? (
                    <Badge color="gray.8">{t('fieldwork.devices.locked')}</Badge>
                  ) : (
                    <Button size="xs" color="red.9" variant="light" onClick={() => lock.mutate(d.id)}>
                      {t('fieldwork.devices.lock')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
