/**
 * Thin web infrastructure shared by every capability: RFC 9457 problem responses for bad input,
 * missing records, refusals and overload ({@code busy}, 503); paging; routes for the static pages (login,
 * shell); {@link cn.suqian.govshare.web.Blocking}, the helper that runs non-database blocking work off the
 * event loop.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package cn.suqian.govshare.web;

import org.springframework.modulith.ApplicationModule;
