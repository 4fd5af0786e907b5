// A list of the exchange page shown one page at a time (previous / next, "page 2 of 7"), so that no list
// grows longer than a screen however much the platform sent. Answers to superseded requests are dropped.

import { api } from '../api.js';
import { t, fmt } from '../i18n.js';
import { el } from '../dom.js';

export const EXCHANGE_PAGE_SIZE = 10;

/**
 *   path       list endpoint answering {items, total, page, size}
 *   params()   the current filters
 *   nav        the element the pager's controls go into
 *   errorBox   where request errors are shown
 *   render({items, total, page})   draws the page
 *   failed(error)                   after the error is shown
 */
export class Pager {
  constructor({ path, params, nav, errorBox, render, failed, pageSize = EXCHANGE_PAGE_SIZE, renderError }) {
    Object.assign(this, { path, params, nav, errorBox, renderWith: render, failed, pageSize, renderError });
    this.items = [];
    this.total = 0;
    this.page = 0;
    this.seq = 0;
  }

  get pages() {
    return Math.max(1, Math.ceil(this.total / this.pageSize));
  }

  /** Loads page (0-based; the first by default); resolves true on success. */
  async load(page = 0) {
    const seq = ++this.seq;
    try {
      const result = await api.get(this.path, { ...this.params(), page, size: this.pageSize });
      if (seq !== this.seq) return false;
      this.items = result?.items ?? [];
      this.total = result?.total ?? this.items.length;
      this.page = result?.page ?? page;
      this.errorBox.replaceChildren();
      this.render();
      return true;
    } catch (error) {
      if (seq !== this.seq) return false;
      this.renderError(this.errorBox, error);
      this.failed?.(error);
      return false;
    }
  }

  render() {
    this.renderWith({ items: this.items, total: this.total, page: this.page });
    this.renderNav();
  }

  renderNav() {
    if (this.total <= this.pageSize) {
      this.nav.replaceChildren(this.total ? el('span', { class: 'muted small', text: t('exchange.pager.all', { total: fmt.number(this.total) }) }) : '');
      return;
    }
    const button = (key, page, disabled, rel) => el('button', {
      type: 'button', class: 'btn btn-sm', 'data-page': rel, disabled, text: t(key), onclick: () => this.load(page),
    });
    this.nav.replaceChildren(el('div', { class: 'pager' },
      button('exchange.pager.previous', this.page - 1, this.page <= 0, 'previous'),
      el('span', { class: 'muted small pager-status', text: t('exchange.pager.status', {
        page: fmt.number(this.page + 1), pages: fmt.number(this.pages), total: fmt.number(this.total),
      }) }),
      button('exchange.pager.next', this.page + 1, this.page + 1 >= this.pages, 'next')));
  }
}
