// Names for the codes lists show: catalogue resources and information systems (organisations have
// OrgDirectory in registry.js). A list shows the name and keeps the code in a tooltip; an unknown code
// (not in the caller's view, or not registered) is shown as it is.

import { api } from './api.js';
import { el } from './dom.js';

const PAGE = 1000;
const MAX_PAGES = 10;

/** code -> name for one list endpoint answering {items, total} pages; loaded once, on first use. */
class NameDirectory {
  constructor(path) {
    this.path = path;
    this.names = new Map();
    this.loading = null;
  }

  load() {
    this.loading ??= (async () => {
      try {
        for (let page = 0; page < MAX_PAGES; page++) {
          const result = await api.get(this.path, { page, size: PAGE, includeRetired: true });
          for (const item of result?.items ?? []) this.names.set(item.code, item.name);
          if ((page + 1) * PAGE >= (result?.total ?? 0)) break;
        }
      } catch (error) {
        console.warn(`names from ${this.path} unavailable`, error);
      }
      return this;
    })();
    return this.loading;
  }

  name(code) {
    return this.names.get(code) ?? null;
  }
}

export const resources = new NameDirectory('/api/v1/catalogue');
export const systems = new NameDirectory('/api/v1/systems');

/**
 * A cell's content for a coded thing: its name with the code in the tooltip (and data-code), or the code
 * itself when no name is known.
 */
export function named(code, name, { tag = 'span', className = '' } = {}) {
  if (code === null || code === undefined || code === '') return null;
  const known = name && name !== code;
  return el(tag, {
    class: [known ? 'named' : 'mono', className].filter(Boolean).join(' '),
    title: known ? code : null,
    'data-code': code,
    text: known ? name : code,
  });
}
