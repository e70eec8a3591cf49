// The answers the boot script asked for before the app's scripts arrived (src/web/boot/boot.js,
// src/web/app/first-requests.ts). The app's GET requests look here first: an answer is taken once,
// only in the language the app asks in and while fresh; anything else goes to the network.
import { EARLY_GLOBAL, EARLY_MAX_AGE_MS } from './first-requests.js';

interface Early {
  language: string;
  at: number;
  answers: Record<string, Promise<Response> | undefined>;
}

function early(): Early | undefined {
  return (window as unknown as Record<string, Early | undefined>)[EARLY_GLOBAL];
}

/** The boot script's answer for this GET, once; undefined when there is none to use. */
export function takeEarly(url: string, language: string): Promise<Response> | undefined {
  const store = early();
  const answer = store?.answers[url];
  if (!store || !answer) return undefined;
  delete store.answers[url];
  if (store.language !== language || Date.now() - store.at > EARLY_MAX_AGE_MS) return undefined;
  return answer;
}
