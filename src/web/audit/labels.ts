// Names of audit actions and record types in the UI language; a type added by a later area shows
// as its code until the catalog names it.
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../domain/audit/contracts.js';

export const RECORD_TYPES = ['user', 'branch', 'programme', 'role', 'organization'] as const;

export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  const isAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);
  return {
    action: (action: string) => (isAction(action) ? t(`web.audit.actions.${action}`) : action),
    recordType: (type: string) => {
      const key = `web.audit.recordTypes.${type}`;
      return i18n.exists(key) ? String(t(key as 'web.audit.recordTypes.user')) : type;
    },
  };
}
