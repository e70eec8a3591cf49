// The interface languages, apart from the catalogs: the web's first script needs these names without
// pulling in every language's messages (issue 19, point 1).
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';
