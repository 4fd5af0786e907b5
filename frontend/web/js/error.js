// The page the server sends for an unknown (404) or forbidden (403) page: the usual header, then what
// happened in the reader's language and the way back. The server writes the status into <main data-status>.

import { initPage } from './layout.js';
import { t } from './i18n.js';
import { markLoaded } from './dom.js';

const KNOWN = new Set(['403', '404']);

async function main() {
  const me = await initPage({ errorPage: true });
  const main = document.querySelector('main');
  if (!me) return; // the shell has said why (e.g. the session ended)
  const status = KNOWN.has(main.dataset.status) ? main.dataset.status : '404';
  document.getElementById('error-title').textContent = t(`errorPage.${status}.title`);
  document.getElementById('error-text').textContent = t(`errorPage.${status}.text`);
  document.getElementById('error-path').textContent = window.location.pathname;
  document.getElementById('error-back').addEventListener('click', () => window.history.back());
  document.title = `${t(`errorPage.${status}.title`)} · GovShare`;
  markLoaded();
}

main();
