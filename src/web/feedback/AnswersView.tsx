// A recorded response read back: each question of its template with the answer given, the words
// included (this view is only reachable by the case team or the centre's desk).
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedbackResponseView, FeedbackTemplateView } from '../../domain/feedback/contracts.js';
import { useLocalized } from '../assessments/labels.js';

export function AnswersView({ response, template }: { response: FeedbackResponseView; template: FeedbackTemplateView | undefined }) {
  const { t } = useTranslation();
  const text = useLocalized();
  const questions = template?.definition.questions ?? [];
  const show = (code: string, value: unknown) => {
    const question = questions.find((q) => q.code === code);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const option = question?.options.find((o) => o.code === value);
    return option ? text(option.label) : String(value);
  };
  return (
    <Stack gap={4}>
      <Table>
        <Table.Tbody>
          {Object.entries(response.answers).map(([code, value]) => (
            <Table.Tr key={code}>
              <Table.Td>
                <Text size="sm">{questions.find((q) => q.code === code) ? text(questions.find((q) => q.code === code)!.text) : code}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {show(code, value)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('dashboards.feedback.recordedBy', { name: response.recordedBy })}
      </Text>
    </Stack>
  );
}
