import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon color="orange" variant="light" radius="md" size="md">
        <IconFlame size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        {t('app.name')}
      </Text>
    </Group>
  );
}
