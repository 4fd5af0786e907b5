/**
 * Thin web infrastructure shared by every capability: RFC 9457 problem responses for bad input, missing
 * records, refusals and overload ({@code busy}, 503), each saying why as a stable code with parameters
 * ({@link cn.suqian.govshare.web.ProblemCode}, {@link cn.suqian.govshare.web.ResponseCode}) whose words live
 * in the message bundles; paging; routes for the static pages; {@link cn.suqian.govshare.web.Blocking}, the
 * helper that runs non-database blocking work off the event loop.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package cn.suqian.govshare.web;

import org.springframework.modulith.ApplicationModule;
