// Thin fetch wrapper for the GovShare JSON API (/api/v1).
//
// - Always asks for JSON and marks the request as XHR, so the backend answers 401 instead of
//   redirecting an API call to the login page.
// - Unsafe methods carry the CSRF token from the XSRF-TOKEN cookie (double-submit pattern).
// - 401 sends the browser to /login; any other non-2xx throws an ApiError with the RFC 9457
//   problem body (title, detail, status, code and params, optional errors[{field, value, code, params, reason}]);
//   pages say code and params in the reader's language (dom.js problemLines, reasonText).
// - upload() posts a FormData (multipart/form-data); the browser sets the Content-Type with its
//   boundary, so it must not be set here.

/** Value of a cookie, URL-decoded, or null when it is not set. */
export function readCookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const c = part.trim();
    if (c.startsWith(prefix)) {
      try {
        return decodeURIComponent(c.slice(prefix.length));
      } catch {
        return c.slice(prefix.length);
      }
    }
  }
  return null;
}

/** The CSRF token the backend placed in the XSRF-TOKEN cookie ('' when absent). */
export function csrfToken() {
  return readCookie('XSRF-TOKEN') ?? '';
}

/** Error thrown for a non-2xx answer; `problem` is the parsed problem document. */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.status = problem.status;
    this.title = problem.title ?? null;
    this.detail = problem.detail ?? null;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/**
 * Builds "/path?a=1&b=2", leaving out null, undefined and empty-string parameters. A query string
 * already in path is kept. Also used for plain links to API downloads (exports, templates).
 */
export function buildUrl(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== null && value !== undefined && value !== '') {
      url.searchParams.set(key, String(value));
    }
  }
  return url.pathname + url.search;
}

async function parseBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request(method, path, { params, body, formData, ifMatch, full = false } = {}) {
  const headers = {
    Accept: 'application/json',
    'X-Requested-With': 'XMLHttpRequest',
  };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  if (ifMatch) headers['If-Match'] = ifMatch;
  if (formData !== undefined) {
    init.body = formData; // Content-Type (with the multipart boundary) comes from the browser
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(buildUrl(path, params), init);
  } catch (cause) {
    // Network failure: no HTTP status at all. status 0 lets callers show a generic message.
    throw new ApiError({ status: 0, title: null, detail: cause.message });
  }

  if (response.status === 401) {
    window.location.assign('/login');
    // Never settles: the page is going away, and callers must not render an error meanwhile.
    return new Promise(() => {});
  }

  const data = await parseBody(response);
  if (!response.ok) {
    const problem =
      data && typeof data === 'object'
        ? { ...data, status: data.status ?? response.status }
        : { status: response.status, title: response.statusText || null, detail: null };
    throw new ApiError(problem);
  }
  return full ? { data, etag: response.headers.get('ETag') } : data;
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  put: (path, body) => request('PUT', path, { body }),
  post: (path, body) => request('POST', path, { body }),
  delete: (path) => request('DELETE', path),
  /** POSTs formData as multipart/form-data; params are added to the query string. */
  upload: (path, formData, params) => request('POST', path, { params, formData }),
  /**
   * A record with its version: resolves {data, etag}. send() writes one, sending the version read
   * (If-Match) so that a change made meanwhile by someone else is refused (409) rather than overwritten.
   */
  read: (path, params) => request('GET', path, { params, full: true }),
  send: (method, path, body, { ifMatch, params } = {}) => request(method, path, { params, body, ifMatch, full: true }),
};

export default api;
