/**
 * Who may do what. Roles ({@link cn.suqian.govshare.security.Role}), users bound to organisations,
 * machine clients with ingest tokens, the two filter chains (pages: form login + session + CSRF;
 * API: HTTP Basic, bearer tokens or the page session, JSON problem refusals), and
 * {@link cn.suqian.govshare.security.CurrentUser}, which every capability asks about organisation scope.
 * Each endpoint states its roles with {@code @PreAuthorize(Access.X)}.
 */
package cn.suqian.govshare.security;
