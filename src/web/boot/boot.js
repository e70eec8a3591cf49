// The app page's boot script (issue 19): a classic script of a few hundred bytes, loaded `async`
// in the head of index.html, so it runs while the app's scripts are still on their way. It asks
// for the session and, once the session says who is signed in, for the first screen's data
// (FIRST_REQUESTS of src/web/app/first-requests.ts, put in front of this file by the build), and
// leaves the answers in window[EARLY_GLOBAL] for src/web/app/early.ts. It reads nothing itself
// but the session's permissions, and keeps nothing: an answer not taken is dropped with the page.
/* global window, fetch, location, localStorage, sessionStorage, FIRST_REQUESTS, SESSION_URL, EARLY_GLOBAL, STORAGE_KEY, PERMISSIONS_KEY */
(function () {
  if (typeof fetch !== 'function' || typeof Promise !== 'function') return;
  var language = 'ru';
  try {
    language = localStorage.getItem(STORAGE_KEY) || 'ru';
  } catch {
    // Private mode without storage: Russian, as the app.
  }
  var answers = {};
  var early = { language: language, at: Date.now(), answers: answers };
  window[EARLY_GLOBAL] = early;
  function ask(url) {
    var answer = fetch(url, {
      method: 'GET',
      headers: { accept: 'application/json', 'accept-language': language },
      credentials: 'same-origin',
    });
    // A failure is the app's to see when it asks: it asks again itself.
    answer.catch(function () {});
    answers[url] = answer;
    return answer;
  }
  // Just after log-in, the log-in page left the session's permissions: no need to wait for them.
  var given = null;
  try {
    given = JSON.parse(sessionStorage.getItem(PERMISSIONS_KEY) || 'null');
    sessionStorage.removeItem(PERMISSIONS_KEY);
  } catch {
    given = null;
  }
  var wanted = FIRST_REQUESTS[location.pathname];
  var session = ask(SESSION_URL);
  if (!wanted || location.search) return;
  function askWanted(permissions) {
    if (!Array.isArray(permissions)) return;
    for (var i = 0; i < wanted.length; i += 1) {
      if (!wanted[i].permission || permissions.indexOf(wanted[i].permission) >= 0) ask(wanted[i].url);
    }
  }
  if (Array.isArray(given)) return askWanted(given);
  session
    .then(function (response) {
      return response.ok ? response.clone().json() : null;
    })
    .then(function (body) {
      askWanted(body && body.me && body.me.permissions);
    })
    .catch(function () {});
})();
