// What the app shows when it opens without a connection (the session cannot be checked): the field
// work page alone, which needs only the worker's PIN to open what the device keeps.
import { Box, Group } from '@mantine/core';
import { Brand } from '../app/Brand.js';
import { OfflinePage } from './OfflinePage.js';

export function OfflineRoot() {
  return (
    <Box p="md">
      <Group mb="md">
        <Brand />
      </Group>
      <main>
        <OfflinePage />
      </main>
    </Box>
  );
}
