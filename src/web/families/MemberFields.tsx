// The fields of one family member: relation, name, birth date (or approximate age, or the expected
// date of an unborn child), sex, citizenship, languages, phone, addresses and documents with status.
import { ActionIcon, Button, Collapse, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, EDUCATION_LEVELS, OCCUPATIONS, RELATIONS } from '../../domain/families/contracts.js';
import { citizenshipOptions } from '../../domain/families/citizenship.js';
import { today } from '../../domain/families/people.js';
import type { MemberValues } from './member-values.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = UseFormReturnType<any>;

/** `prefix` is the member's path in the form: '' for a member form, 'members.0.' inside a family form. */
export function MemberFields({ form, prefix = '', detailsOpen = false }: { form: AnyForm; prefix?: string; detailsOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const [more, { toggle }] = useDisclosure(detailsOpen);
  const path = (name: keyof MemberValues) => `${prefix}${name}`;
  const values = form.getValues() as Record<string, unknown>;
  const member = (
    prefix
      ? prefix
          .split('.')
          .filter(Boolean)
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], values)
      : values
  ) as MemberValues;
  const unborn = member.relation === 'unborn_child';
  const documents = member.documents;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Select
          label={t('families.fields.relation')}
          withAsterisk
          allowDeselect={false}
          data={RELATIONS.map((relation) => ({ value: relation, label: t(`families.relation.${relation}`) }))}
          {...form.getInputProps(path('relation'))}
        />
        <Select
          label={t('families.fields.sex')}
          allowDeselect={false}
          data={(['female', 'male', 'unknown'] as const).map((sex) => ({ value: sex, label: t(`families.sex.${sex}`) }))}
          {...form.getInputProps(path('sex'))}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput label={t('families.fields.lastName')} autoComplete="off" {...form.getInputProps(path('lastName'))} />
        <TextInput
          label={t('families.fields.firstName')}
          withAsterisk={!unborn}
          autoComplete="off"
          {...form.getInputProps(path('firstName'))}
        />
        <TextInput label={t('families.fields.middleName')} autoComplete="off" {...form.getInputProps(path('middleName'))} />
      </SimpleGrid>
      {unborn ? (
        <TextInput
          type="date"
          label={t('families.fields.expectedBirthDate')}
          withAsterisk
          min={today()}
          {...form.getInputProps(path('expectedBirthDate'))}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput type="date" label={t('families.fields.birthDate')} max={today()} {...form.getInputProps(path('birthDate'))} />
          <NumberInput
            label={t('families.fields.approximateAge')}
            min={0}
            max={120}
            allowDecimal={false}
            {...form.getInputProps(path('approximateAge'))}
          />
          <TextInput type="tel" label={t('families.fields.phone')} {...form.getInputProps(path('phone'))} />
        </SimpleGrid>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          px={0}
          onClick={toggle}
          rightSection={more ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          aria-expanded={more}
        >
          {t('families.moreDetails')}
        </Button>
      </Group>
      <Collapse expanded={more}>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {/* A choice from the closed list, never typed text (issue 11, defect 6): Russia and the first countries, then all by name. */}
            <Select
              label={t('families.fields.citizenship')}
              data={citizenshipOptions(lang)}
              searchable
              clearable
              nothingFoundMessage={t('web.nothingFound')}
              {...form.getInputProps(path('citizenship'))}
              data-testid="member-citizenship"
            />
            <TagsInput label={t('families.fields.languages')} {...form.getInputProps(path('languages'))} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select
              label={t('families.fields.education')}
              data={EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`families.education.${v}`) }))}
              clearable
              {...form.getInputProps(path('education'))}
              data-testid="member-education"
            />
            <Select
              label={t('families.fields.occupation')}
              data={OCCUPATIONS.map((v) => ({ value: v, label: t(`families.occupation.${v}`) }))}
              clearable
              {...form.getInputProps(path('occupation'))}
              data-testid="member-occupation"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput label={t('families.fields.registeredAddress')} {...form.getInputProps(path('registeredAddress'))} />
            <TextInput label={t('families.fields.actualAddress')} {...form.getInputProps(path('actualAddress'))} />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t('families.fields.documents')}
          </Text>
          {documents.map((_, index) => (
            <Group key={form.key(`${path('documents')}.${index}`)} gap="xs" wrap="nowrap" align="flex-end">
              <Select
                aria-label={t('families.document.kind')}
                data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`families.document.kinds.${kind}`) }))}
                allowDeselect={false}
                style={{ flex: 2 }}
                {...form.getInputProps(`${path('documents')}.${index}.kind`)}
              />
              <Select
                aria-label={t('families.document.status')}
                data={DOCUMENT_STATUSES.map((status) => ({ value: status, label: t(`families.document.statuses.${status}`) }))}
                allowDeselect={false}
                style={{ flex: 1 }}
                {...form.getInputProps(`${path('documents')}.${index}.status`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('families.document.remove')}
                onClick={() => form.removeListItem(path('documents'), index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem(path('documents'), { kind: 'passport', status: 'have', note: '' })}
            >
              {t('families.document.add')}
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </Stack>
  );
}
