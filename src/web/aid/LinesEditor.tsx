// The lines of an aid document: item and quantity, and for receipts the lot, expiry date and value.
// Errors from the server arrive as "lines.2.quantity" and are shown on that line's field.
import { ActionIcon, Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AidItemView } from '../../domain/aid/contracts.js';
import { itemOptions, useAidItems } from './labels.js';

export interface Line {
  itemId: string | null;
  quantity: number | string;
  lot: string;
  expiresOn: string;
  value: number | string;
}

export const emptyLine = (): Line => ({ itemId: null, quantity: '', lot: '', expiresOn: '', value: '' });

interface Props {
  lines: Line[];
  onChange: (lines: Line[]) => void;
  /** Field errors by path ("lines.0.quantity"). */
  errors: Record<string, string>;
  filter?: (item: AidItemView) => boolean;
  receipt?: boolean;
}

export function LinesEditor({ lines, onChange, errors, filter, receipt = false }: Props) {
  const { t } = useTranslation();
  const items = useAidItems();
  const set = (index: number, patch: Partial<Line>) => onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  return (
    <Stack gap="xs">
      {lines.map((line, i) => {
        const item = line.itemId ? items.byId.get(line.itemId) : undefined;
        return (
          <Group key={i} align="flex-start" gap="xs" wrap="wrap" data-testid="aid-line">
            <Select
              style={{ flex: 3, minWidth: 220 }}
              label={t('aid.fields.item')}
              searchable
              data={itemOptions(items.data ?? [], filter)}
              value={line.itemId}
              onChange={(itemId) => set(i, { itemId })}
              error={errors[`lines.${i}.itemId`]}
            />
            <NumberInput
              style={{ flex: 1, minWidth: 110 }}
              label={item ? `${t('aid.fields.quantity')}, ${t(`aid.units.${item.unit}`)}` : t('aid.fields.quantity')}
              min={0}
              decimalScale={item && ['kg', 'litre', 'm3'].includes(item.unit) ? 3 : 0}
              decimalSeparator=","
              value={line.quantity}
              onChange={(quantity) => set(i, { quantity })}
              error={errors[`lines.${i}.quantity`]}
            />
            {receipt && (
              <>
                <TextInput
                  style={{ flex: 1, minWidth: 110 }}
                  label={t('aid.fields.lot')}
                  value={line.lot}
                  withAsterisk={item?.tracksLots}
                  onChange={(e) => set(i, { lot: e.currentTarget.value })}
                  error={errors[`lines.${i}.lot`]}
                />
                <TextInput
                  style={{ flex: 1, minWidth: 140 }}
                  type="date"
                  label={t('aid.fields.expiresOn')}
                  withAsterisk={item?.tracksLots}
                  value={line.expiresOn}
                  onChange={(e) => set(i, { expiresOn: e.currentTarget.value })}
                  error={errors[`lines.${i}.expiresOn`]}
                />
                <NumberInput
                  style={{ flex: 1, minWidth: 120 }}
                  label={t('aid.fields.value')}
                  min={0}
                  decimalScale={2}
                  value={line.value}
                  onChange={(value) => set(i, { value })}
                  error={errors[`lines.${i}.value`]}
                />
              </>
            )}
            <ActionIcon
              mt={28}
              variant="subtle"
              color="red"
              aria-label={t('aid.actions.removeLine')}
              disabled={lines.length === 1}
              onClick={() => onChange(lines.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...lines, emptyLine()])}>
          {t('aid.actions.addLine')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The lines as the API takes them; empty numbers stay invalid so the server names the field. */
export function linesBody(lines: Line[], receipt = false) {
  return lines.map((line) => ({
    itemId: line.itemId ?? '',
    quantity: line.quantity === '' ? Number.NaN : Number(line.quantity),
    ...(receipt && {
      lot: line.lot,
      ...(line.expiresOn && { expiresOn: line.expiresOn }),
      value: line.value === '' ? 0 : Number(line.value),
    }),
  }));
}

export function errorsByPath(error: unknown): Record<string, string> {
  const fields = (error as { fields?: { path: string; message: string }[] } | null)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.path, f.message]));
}
