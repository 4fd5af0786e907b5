// Login page: fills the CSRF field from the XSRF-TOKEN cookie and shows the outcome of the
// previous attempt (?error) or of a logout (?logout). The form itself is a plain POST to
// /login, handled by the backend's form login.

import { csrfToken } from './api.js';
import { initI18n } from './i18n.js';
import { languageSwitch } from './layout.js';
import { markLoaded } from './dom.js';

function fillCsrf() {
  document.getElementById('login-csrf').value = csrfToken();
}

async function main() {
  // Fill the token first: the form must work even if the message bundle is slow.
  fillCsrf();
  // Read again on submit in case the cookie was (re)issued after the page loaded.
  document.getElementById('login-form').addEventListener('submit', fillCsrf);

  await initI18n();

  const params = new URLSearchParams(window.location.search);
  document.getElementById('login-error').hidden = !params.has('error');
  document.getElementById('login-logout').hidden = !params.has('logout') || params.has('error');

  document.getElementById('login-lang').append(languageSwitch());
  markLoaded();
}

main();
