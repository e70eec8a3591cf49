// RU / EN switch: on the login page it is remembered in the browser, once signed in it is saved to
// the account too.
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../domain/i18n/languages.js';
import { isLanguage } from './i18n.js';
import { useSwitchLanguage } from './session.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={i18n.language}
      onChange={(value) => isLanguage(value) && switchLanguage.mutate(value)}
      data={LANGUAGES.map((language) => ({ value: language, label: language.toUpperCase() }))}
    />
  );
}
