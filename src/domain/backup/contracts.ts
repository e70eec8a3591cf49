// Backup status as the admin reads it (issue 17, point 6): the instance's schedule, the backups in
// its folder, when the newest was made and whether it is too old.
import { z } from 'zod';

export const BackupListed = z.object({ name: z.string(), createdAt: z.string(), size: z.number(), encrypted: z.boolean() });
export type BackupListed = z.infer<typeof BackupListed>;

export const BackupStatus = z.object({
  scheduled: z.boolean(),
  /** Daily time (HH:MM, server time) of the scheduled backup; null without a schedule. */
  at: z.string().nullable(),
  keepDaily: z.number(),
  keepWeekly: z.number(),
  maxAgeHours: z.number(),
  encrypted: z.boolean(),
  filesIncluded: z.boolean(),
  running: z.boolean(),
  lastBackupAt: z.string().nullable(),
  tooOld: z.boolean(),
  lastFailedAt: z.string().nullable(),
  backups: z.array(BackupListed),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const BackupStarted = z.object({ started: z.boolean() });
