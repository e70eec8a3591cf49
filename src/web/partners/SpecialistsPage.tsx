// External specialists: professionals of partner organisations kept as contacts with their consent
// to being registered. Search by name or phone, filters by profession, region, city; adding one
// that looks already registered shows a hint (never a refusal).
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SPECIALIST_PROFESSIONS, type SpecialistProfession, type SpecialistView } from '../../domain/partners/contracts.js';
import { newIdempotencyKey } from '../app/api.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, FormError, LoadingState } from '../app/states.js';
import { partnerKeys, partnersApi } from './api.js';
import { errorsByPath } from './PartnerForms.js';

const PAGE_SIZE = 50;
const fullName = (s: { lastName: string; firstName: string; middleName: string }) =>
  [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');

function SpecialistForm({ specialist, onDone }: { specialist?: SpecialistView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const partners = useQuery({ queryKey: partnerKeys.options, queryFn: partnersApi.options });
  const [v, setV] = useState({
    partnerId: specialist?.partnerId ?? null,
    lastName: specialist?.lastName ?? '',
    firstName: specialist?.firstName ?? '',
    middleName: specialist?.middleName ?? '',
    profession: (specialist?.profession ?? 'psychologist') as SpecialistProfession,
    position: specialist?.position ?? '',
    region: specialist?.region ?? '',
    city: specialist?.city ?? '',
    phone: specialist?.phone ?? '',
    email: specialist?.email ?? '',
    consentOn: specialist?.consentOn ?? '',
    note: specialist?.note ?? '',
    active: specialist?.active ?? true,
  });
  const set = (field: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [field]: e.currentTarget.value });
  // The hint while typing: someone with this surname and name and the same phone or e-mail.
  const [probe] = useDebouncedValue({ lastName: v.lastName, firstName: v.firstName, phone: v.phone, email: v.email }, 400);
  const duplicates = useQuery({
    queryKey: ['partners', 'duplicates', probe, specialist?.id],
    queryFn: () => partnersApi.duplicates({ ...probe, ...(specialist && { excludeId: specialist.id }) }),
    enabled: Boolean(probe.lastName.trim() && probe.firstName.trim() && (probe.phone.trim() || probe.email.trim())),
  });
  const save = useMutation({
    mutationFn: async () => {
      const { active, ...body } = v;
      if (specialist) await partnersApi.updateSpecialist(specialist.id, { ...body, active, version: specialist.version });
      else await partnersApi.createSpecialist(body, key);
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('partners.specialists.saved') });
      await client.invalidateQueries({ queryKey: partnerKeys.all });
      onDone();
    },
  });
  const errors = errorsByPath(save.error);
  const similar = duplicates.data?.items ?? [];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('partners.fields.lastName')}
          withAsterisk
          value={v.lastName}
          onChange={set('lastName')}
          error={errors.lastName}
        />
        <TextInput
          label={t('partners.fields.firstName')}
          withAsterisk
          value={v.firstName}
          onChange={set('firstName')}
          error={errors.firstName}
        />
        <TextInput label={t('partners.fields.middleName')} value={v.middleName} onChange={set('middleName')} error={errors.middleName} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('partners.fields.profession')}
          allowDeselect={false}
          data={SPECIALIST_PROFESSIONS.map((p) => ({ value: p, label: t(`partners.professions.${p}`) }))}
          value={v.profession}
          onChange={(p) => p && setV({ ...v, profession: p as SpecialistProfession })}
          error={errors.profession}
        />
        <TextInput label={t('partners.fields.position')} value={v.position} onChange={set('position')} error={errors.position} />
        <Select
          label={t('partners.fields.organization')}
          placeholder={t('partners.specialists.noPartner')}
          clearable
          searchable
          data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.city ? `${p.name} (${p.city})` : p.name }))}
          value={v.partnerId}
          onChange={(partnerId) => setV({ ...v, partnerId })}
          error={errors.partnerId}
        />
        <TextInput
          type="date"
          label={t('partners.fields.consentOn')}
          withAsterisk
          value={v.consentOn}
          onChange={set('consentOn')}
          error={errors.consentOn}
        />
        <TextInput label={t('partners.fields.region')} value={v.region} onChange={set('region')} error={errors.region} />
        <TextInput label={t('partners.fields.city')} value={v.city} onChange={set('city')} error={errors.city} />
        <TextInput label={t('partners.fields.phone')} value={v.phone} onChange={set('phone')} error={errors.phone} />
        <TextInput label={t('partners.fields.email')} value={v.email} onChange={set('email')} error={errors.email} />
      </SimpleGrid>
      <Textarea label={t('partners.fields.note')} autosize minRows={1} value={v.note} onChange={set('note')} error={errors.note} />
      {specialist && (
        <Checkbox
          label={t('partners.fields.active')}
          checked={v.active}
          onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
        />
      )}
      {similar.length > 0 && (
        <Alert color="yellow" data-testid="specialist-duplicate">
          {t('partners.specialists.possibleDuplicate', {
            names: similar
              .map((d) => `${d.name}, ${d.city} (${d.reasons.map((r) => t(`partners.specialists.reasons.${r}`)).join(', ')})`)
              .join('; '),
          })}
        </Alert>
      )}
      <FormError error={save.error} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function SpecialistsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const phone = useMediaQuery('(max-width: 48em)');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [profession, setProfession] = useState<SpecialistProfession | null>(null);
  const [region, setRegion] = useState('');
  const [city, setCity] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ specialist?: SpecialistView } | null>(null);
  const query = {
    q: debounced || undefined,
    profession: profession ?? undefined,
    region: region.trim() || undefined,
    city: city.trim() || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({ queryKey: partnerKeys.specialists(query), queryFn: () => partnersApi.specialists(query) });
  const manage = can('partners.manage');
  return (
    <Page
      title={t('partners.specialists.title')}
      actions={
        <>
          <ExportButtons url="/api/specialists" query={query} testId="specialists-export" />
          {manage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
              {t('partners.specialists.add')}
            </Button>
          )}
        </>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          aria-label={t('partners.specialists.search')}
          placeholder={t('partners.specialists.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('partners.fields.profession')}
          placeholder={t('partners.specialists.anyProfession')}
          clearable
          data={SPECIALIST_PROFESSIONS.map((p) => ({ value: p, label: t(`partners.professions.${p}`) }))}
          value={profession}
          onChange={(p) => {
            setProfession(p as SpecialistProfession | null);
            setPage(1);
          }}
        />
        <TextInput
          aria-label={t('partners.fields.region')}
          placeholder={t('partners.fields.region')}
          value={region}
          onChange={(e) => {
            setRegion(e.currentTarget.value);
            setPage(1);
          }}
        />
        <TextInput
          aria-label={t('partners.fields.city')}
          placeholder={t('partners.fields.city')}
          value={city}
          onChange={(e) => {
            setCity(e.currentTarget.value);
            setPage(1);
          }}
        />
      </SimpleGrid>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{q || profession || region || city ? t('web.nothingFound') : t('partners.specialists.empty')}</EmptyState>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('partners.directory.total', { count: list.data.total })}
          </Text>
          {phone ? (
            <Stack gap="xs">
              {list.data.items.map((s) => (
                <Card key={s.id} withBorder padding="sm" data-testid="specialist-row">
                  <Text fw={500}>{fullName(s)}</Text>
                  <Text size="sm">
                    {t(`partners.professions.${s.profession}`)}
                    {s.partnerName ? ` · ${s.partnerName}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {[s.city, s.phone, s.email].filter(Boolean).join(' · ')}
                  </Text>
                  {manage && (
                    <Anchor size="sm" onClick={() => setEditing({ specialist: s })}>
                      {t('common.edit')}
                    </Anchor>
                  )}
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.fields.contactName')}</Table.Th>
                  <Table.Th>{t('partners.fields.profession')}</Table.Th>
                  <Table.Th>{t('partners.fields.organization')}</Table.Th>
                  <Table.Th>{t('partners.fields.city')}</Table.Th>
                  <Table.Th>{t('partners.fields.phone')}</Table.Th>
                  <Table.Th>{t('partners.fields.consentOn')}</Table.Th>
                  {manage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id} data-testid="specialist-row" opacity={s.active ? 1 : 0.6}>
                    <Table.Td>{fullName(s)}</Table.Td>
                    <Table.Td>{t(`partners.professions.${s.profession}`)}</Table.Td>
                    <Table.Td>{s.partnerName ?? '—'}</Table.Td>
                    <Table.Td>{[s.region, s.city].filter(Boolean).join(', ')}</Table.Td>
                    <Table.Td>{[s.phone, s.email].filter(Boolean).join(', ')}</Table.Td>
                    <Table.Td>{formatDate(s.consentOn)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Anchor size="sm" onClick={() => setEditing({ specialist: s })}>
                          {t('common.edit')}
                        </Anchor>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {list.data.total > PAGE_SIZE && <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />}
        </>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        fullScreen={phone}
        title={editing?.specialist ? fullName(editing.specialist) : t('partners.specialists.add')}
      >
        {editing && <SpecialistForm specialist={editing.specialist} onDone={() => setEditing(null)} />}
      </Modal>
    </Page>
  );
}
