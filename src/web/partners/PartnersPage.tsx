// The partner directory: search by words of the name, services or place, filters by kind, region,
// city and service tag; a partner's card (address, phones, contact people, agreements, its
// specialists) opens beside the list. Keepers (partners.manage) add and change organisations,
// contact people and agreements.
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Modal,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  PARTNER_KINDS,
  type AgreementView,
  type ContactView,
  type PartnerKind,
  type PartnerView,
} from '../../domain/partners/contracts.js';
import { formatDate } from '../app/format.js';
import { Page } from '../app/Page.js';
import { useCan } from '../app/session.js';
import { EmptyState, ErrorState, LoadingState } from '../app/states.js';
import { partnerKeys, partnersApi } from './api.js';
import { AgreementForm, ContactForm, PartnerForm } from './PartnerForms.js';
import { ExportButtons } from '../documents/ExportButtons.js';
import { AttachmentsButton } from '../files/AttachmentsPanel.js';

const PAGE_SIZE = 50;

type Editing =
  | { kind: 'partner'; partner?: PartnerView }
  | { kind: 'contact'; contact?: ContactView }
  | { kind: 'agreement'; agreement?: AgreementView }
  | null;

function PartnerCard({ id, onEdit }: { id: string; onEdit: (editing: Editing) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('partners.manage');
  const partner = useQuery({ queryKey: partnerKeys.one(id), queryFn: () => partnersApi.get(id) });
  const specialists = useQuery({
    queryKey: partnerKeys.specialists({ partnerId: id }),
    queryFn: () => partnersApi.specialists({ partnerId: id, pageSize: 200 }),
  });
  if (partner.isPending) return <LoadingState />;
  if (partner.isError) return <ErrorState error={partner.error} onRetry={() => void partner.refetch()} />;
  const p = partner.data;
  const place = [p.region, p.city, p.district].filter(Boolean).join(', ');
  return (
    <Stack gap="md" data-testid="partner-card">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3}>{p.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{t(`partners.kinds.${p.kind}`)}</Badge>
            {!p.active && <Badge color="gray">{t('partners.directory.inactive')}</Badge>}
            {p.hasActiveAgreement && <Badge color="green">{t('partners.directory.activeAgreement')}</Badge>}
          </Group>
        </Stack>
        {manage && (
          <Button variant="light" onClick={() => onEdit({ kind: 'partner', partner: p })}>
            {t('partners.card.edit')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {place && <Field label={t('partners.fields.city')} value={place} />}
        {p.address && <Field label={t('partners.fields.address')} value={p.address} />}
        {p.phones.length > 0 && <Field label={t('partners.fields.phones')} value={p.phones.join(', ')} />}
        {p.email && <Field label={t('partners.fields.email')} value={p.email} />}
        {p.website && <Field label={t('partners.fields.website')} value={p.website} />}
        {p.audience && <Field label={t('partners.fields.audience')} value={p.audience} />}
      </SimpleGrid>
      {p.services && <Field label={t('partners.fields.services')} value={p.services} />}
      {p.tags.length > 0 && (
        <Group gap={4}>
          {p.tags.map((tag) => (
            <Badge key={tag} variant="outline" size="sm">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      {p.note && <Field label={t('partners.fields.note')} value={p.note} />}

      <Group justify="space-between">
        <Title order={4}>{t('partners.card.contacts')}</Title>
        {manage && (
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onEdit({ kind: 'contact' })}>
            {t('partners.card.addContact')}
          </Button>
        )}
      </Group>
      {p.contacts.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('partners.card.noContacts')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="partner-contacts">
          {p.contacts.map((c) => (
            <Card key={c.id} withBorder padding="xs" opacity={c.active ? 1 : 0.6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text fw={500}>{c.name}</Text>
                  {c.position && <Text size="sm">{c.position}</Text>}
                  <Text size="sm" c="dimmed">
                    {[c.phone, c.email].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                {manage && (
                  <Anchor size="sm" onClick={() => onEdit({ kind: 'contact', contact: c })}>
                    {t('common.edit')}
                  </Anchor>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      <Group justify="space-between">
        <Title order={4}>{t('partners.card.agreements')}</Title>
        {manage && (
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onEdit({ kind: 'agreement' })}>
            {t('partners.card.addAgreement')}
          </Button>
        )}
      </Group>
      {p.agreements.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('partners.card.noAgreements')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="partner-agreements">
          {p.agreements.map((a) => (
            <Card key={a.id} withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text fw={500}>
                    № {a.number} {t('common.from').toLowerCase()} {formatDate(a.signedOn)}
                  </Text>
                  <Group gap={6}>
                    <Text size="sm">
                      {formatDate(a.validFrom)} — {a.validTo ? formatDate(a.validTo) : t('partners.card.openEnded')}
                    </Text>
                    <Badge size="xs" color={a.active ? 'green' : 'gray'}>
                      {a.active ? t('partners.card.agreementActive') : t('partners.card.agreementNotActive')}
                    </Badge>
                  </Group>
                  {a.subject && (
                    <Text size="sm" c="dimmed">
                      {a.subject}
                    </Text>
                  )}
                  <Group>
                    <AttachmentsButton ownerKind="partner_agreement" ownerId={a.id} />
                  </Group>
                </Stack>
                {manage && (
                  <Anchor size="sm" onClick={() => onEdit({ kind: 'agreement', agreement: a })}>
                    {t('common.edit')}
                  </Anchor>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      {(specialists.data?.items.length ?? 0) > 0 && (
        <>
          <Title order={4}>{t('partners.card.specialists')}</Title>
          <Stack gap={2}>
            {specialists.data!.items.map((s) => (
              <Text key={s.id} size="sm">
                {[s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ')} — {t(`partners.professions.${s.profession}`)}
              </Text>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </Stack>
  );
}

export function PartnersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const phone = useMediaQuery('(max-width: 48em)');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [kind, setKind] = useState<PartnerKind | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const query = {
    q: debounced || undefined,
    kind: kind ?? undefined,
    region: region ?? undefined,
    city: city ?? undefined,
    tag: tag ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({ queryKey: partnerKeys.list(query), queryFn: () => partnersApi.list(query) });
  const facets = useQuery({ queryKey: partnerKeys.facets, queryFn: partnersApi.facets });
  const cities = (facets.data?.cities ?? []).filter((c) => !region || c.region === region).map((c) => c.city);
  const reset = () => setPage(1);

  return (
    <Page
      title={t('partners.directory.title')}
      actions={
        <>
          <ExportButtons url="/api/partners" query={query} testId="partners-export" />
          {can('partners.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'partner' })}>
              {t('partners.directory.add')}
            </Button>
          )}
        </>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <TextInput
          aria-label={t('partners.directory.search')}
          placeholder={t('partners.directory.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            reset();
          }}
        />
        <Select
          aria-label={t('partners.fields.kind')}
          placeholder={t('partners.directory.anyKind')}
          clearable
          data={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => {
            setKind(v as PartnerKind | null);
            reset();
          }}
        />
        <Select
          aria-label={t('partners.fields.region')}
          placeholder={t('partners.directory.anyRegion')}
          clearable
          searchable
          data={facets.data?.regions ?? []}
          value={region}
          onChange={(v) => {
            setRegion(v);
            setCity(null);
            reset();
          }}
        />
        <Select
          aria-label={t('partners.fields.city')}
          placeholder={t('partners.directory.anyCity')}
          clearable
          searchable
          data={[...new Set(cities)]}
          value={city}
          onChange={(v) => {
            setCity(v);
            reset();
          }}
        />
        <Select
          aria-label={t('partners.fields.tags')}
          placeholder={t('partners.directory.anyTag')}
          clearable
          searchable
          data={facets.data?.tags ?? []}
          value={tag}
          onChange={(v) => {
            setTag(v);
            reset();
          }}
        />
      </SimpleGrid>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{q || kind || region || city || tag ? t('web.nothingFound') : t('partners.directory.empty')}</EmptyState>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('partners.directory.total', { count: list.data.total })}
          </Text>
          {phone ? (
            <Stack gap="xs">
              {list.data.items.map((p) => (
                <Card
                  key={p.id}
                  withBorder
                  padding="sm"
                  onClick={() => setOpenId(p.id)}
                  style={{ cursor: 'pointer' }}
                  data-testid="partner-row"
                >
                  <Text fw={500}>{p.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`partners.kinds.${p.kind}`)} · {[p.city, p.district].filter(Boolean).join(', ')}
                  </Text>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.fields.name')}</Table.Th>
                  <Table.Th>{t('partners.fields.kind')}</Table.Th>
                  <Table.Th>{t('partners.fields.city')}</Table.Th>
                  <Table.Th>{t('partners.fields.services')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((p) => (
                  <Table.Tr key={p.id} onClick={() => setOpenId(p.id)} style={{ cursor: 'pointer' }} data-testid="partner-row">
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setOpenId(p.id)}>
                        {p.name}
                      </Anchor>{' '}
                      {p.hasActiveAgreement && (
                        <Badge size="xs" color="green" variant="light">
                          {t('partners.card.agreementActive')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`partners.kinds.${p.kind}`)}</Table.Td>
                    <Table.Td>{[p.region, p.city, p.district].filter(Boolean).join(', ')}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {p.services}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {list.data.total > PAGE_SIZE && <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />}
        </>
      )}
      <Drawer opened={openId !== null} onClose={() => setOpenId(null)} position="right" size={phone ? '100%' : 'xl'}>
        {openId && <PartnerCard id={openId} onEdit={setEditing} />}
      </Drawer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        fullScreen={phone}
        title={
          editing?.kind === 'partner'
            ? editing.partner
              ? editing.partner.name
              : t('partners.directory.add')
            : editing?.kind === 'contact'
              ? t('partners.card.addContact')
              : t('partners.card.addAgreement')
        }
      >
        {editing?.kind === 'partner' && (
          <PartnerForm
            partner={editing.partner}
            onDone={(saved) => {
              setEditing(null);
              setOpenId(saved.id);
            }}
          />
        )}
        {editing?.kind === 'contact' && openId && (
          <ContactForm partnerId={openId} contact={editing.contact} onDone={() => setEditing(null)} />
        )}
        {editing?.kind === 'agreement' && openId && (
          <AgreementForm partnerId={openId} agreement={editing.agreement} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Page>
  );
}
