// A registry list page, as the system inventory and the catalogue are: filters, sort and the selected
// record mirrored in the URL (?<filters>&sort=&code=), a sortable paged list whose rows open a detail
// panel, export links that carry the filter, and template / import links for those who may import.
//
// The page's elements share one id prefix: <prefix>-filter-form, -org-filter, -search, -table, -count,
// -load-more, -error, -detail, and where the registry has them -export-xlsx, -export-csv, -template,
// -import-link, -create (the "add" button).

import { buildUrl } from './api.js';
import { initPage } from './layout.js';
import { debounce, markLoaded } from './dom.js';
import { wireCreateButton } from './registry-form.js';
import {
  fillEnumSelect, canImport, isScoped, OrgDirectory, queryParams, writeQuery, selectIfOffered, parseSort,
  sortParam, SortHeaders, PagedList, DetailPanel,
} from './registry.js';

const EXPORT_FORMATS = ['xlsx', 'csv'];

export class RegistryListPage {
  /**
   *   prefix        element id prefix, also of the messages <prefix>.table.empty
   *   path          list endpoint; exports are at <path>/export
   *   selects       [{id, param, kind}]: filter <select>s besides the organisation; those with an enum
   *                 kind are filled with its values (the markup holds the "all" option)
   *   moreFilters(filter)  filter parameters kept elsewhere (a checkbox, a chip), given the others
   *   watch         ids of further controls whose change refreshes the list
   *   restore(params)      restores those from the URL
   *   row(item, selected)  a list row; showDetail(item) fills this.detail
   *   alsoLoad()    loaded beside the list on every refresh (e.g. a summary)
   *   form          the registry's form (registry-form.js REGISTRY_FORMS): shows <prefix>-create to those
   *                 who may add records; the page's detail adds recordActions() for edit, retire, history
   * After start(): me, orgs, list and detail.
   */
  constructor({ prefix, path, selects, moreFilters = () => ({}), watch = [], restore = () => {}, row, showDetail, alsoLoad = async () => {}, form = null }) {
    Object.assign(this, { prefix, path, selects, moreFilters, watch, restore, row, showDetail, alsoLoad, form });
    this.me = null;
    this.orgs = new OrgDirectory();
    this.sort = null;
    this.list = null;
    this.detail = null;
  }

  element(suffix) {
    return document.getElementById(`${this.prefix}-${suffix}`);
  }

  /** The current filter as API parameters (no paging, no sort). */
  filters() {
    const filter = {
      // A department's rows are scoped by the server; its (locked) filter is not sent.
      organisation: isScoped(this.me) ? null : this.element('org-filter').value,
    };
    for (const { id, param } of this.selects) filter[param] = document.getElementById(id).value;
    const search = this.element('search');
    if (search) filter.q = search.value.trim();
    return { ...filter, ...this.moreFilters(filter) };
  }

  syncUrl() {
    writeQuery({ ...this.filters(), sort: sortParam(this.sort), code: this.list.selected });
  }

  updateExportLinks() {
    const filter = this.filters();
    for (const format of EXPORT_FORMATS) {
      const link = this.element(`export-${format}`);
      if (link) link.href = buildUrl(`${this.path}/export`, { format, ...filter }); // registries without exports have none
    }
  }

  /** Shows a record in the detail panel (e.g. one just saved), whether or not the list's page holds it. */
  openRecord(record) {
    this.list.items = this.list.items.map((item) => (item.code === record.code ? record : item));
    this.list.render();
    this.list.markSelected(record.code);
    this.syncUrl();
    this.showDetail(record);
  }

  /** After a save or a retirement: reload the list and show the record as it now is. */
  async recordChanged(record) {
    await this.refresh();
    this.openRecord(record);
  }

  select(code) {
    const item = this.list.find(code);
    if (!item) return;
    this.list.markSelected(code);
    this.syncUrl();
    this.showDetail(item);
  }

  deselect() {
    this.list.markSelected(null);
    this.syncUrl();
  }

  /** Reloads the list (and alsoLoad) for the current filter; resolves true when the list loaded. */
  async refresh() {
    this.syncUrl();
    this.updateExportLinks();
    const [ok] = await Promise.all([this.list.load(), this.alsoLoad()]);
    // Keep the detail only while its record is still in the list.
    if (ok && this.list.selected && !this.list.find(this.list.selected)) this.detail.close();
    return ok;
  }

  restoreFilters(params) {
    if (!isScoped(this.me)) selectIfOffered(this.element('org-filter'), params.get('organisation'));
    for (const { id, param } of this.selects) selectIfOffered(document.getElementById(id), params.get(param));
    if (this.element('search')) this.element('search').value = params.get('q') ?? '';
    this.restore(params);
  }

  async start() {
    const me = await initPage();
    if (!me) return;
    this.me = me;

    for (const { id, kind } of this.selects) {
      if (kind) fillEnumSelect(document.getElementById(id), kind);
    }
    if (canImport(me)) {
      if (this.element('template')) this.element('template').hidden = false;
      if (this.element('import-link')) this.element('import-link').hidden = false;
    }
    if (this.form) wireCreateButton(this.element('create'), { def: this.form, me, onSaved: (record) => this.recordChanged(record) });

    this.orgs = await OrgDirectory.load();
    this.orgs.fillSelect(this.element('org-filter'), me);

    const params = queryParams();
    this.restoreFilters(params);
    this.sort = parseSort(params.get('sort'));

    this.list = new PagedList({
      path: this.path,
      table: this.element('table'),
      count: this.element('count'),
      loadMore: this.element('load-more'),
      errorBox: this.element('error'),
      emptyKey: `${this.prefix}.table.empty`,
      params: () => ({ ...this.filters(), sort: sortParam(this.sort) }),
      row: this.row,
      onSelect: (code) => this.select(code),
    });
    this.list.selected = params.get('code');
    this.detail = new DetailPanel(this.element('detail'), () => this.deselect());

    new SortHeaders(this.element('table'), this.sort, (sort) => {
      this.sort = sort;
      this.syncUrl();
      this.list.load();
    });

    const refresh = () => this.refresh();
    const controls = [this.element('org-filter'), ...[...this.selects.map((s) => s.id), ...this.watch].map((id) => document.getElementById(id))];
    for (const control of controls) control.addEventListener('change', refresh);
    this.element('search')?.addEventListener('input', debounce(refresh, 300));
    this.element('filter-form').addEventListener('submit', (event) => {
      event.preventDefault();
      refresh();
    });

    const ok = await this.refresh();
    if (ok && this.list.selected) {
      if (this.list.find(this.list.selected)) this.select(this.list.selected);
      else this.deselect(); // not in the first page of this filter: drop it from the URL
    }
    markLoaded(ok ? 'true' : 'error');
  }
}
