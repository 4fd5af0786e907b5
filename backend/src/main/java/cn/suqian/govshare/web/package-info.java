/**
 * Thin web infrastructure shared by every capability: RFC 9457 problem responses for bad input, missing
 * records and refusals, each saying why as a stable code with parameters ({@link cn.suqian.govshare.web.ProblemCode},
 * {@link cn.suqian.govshare.web.ResponseCode}) whose words live in the message bundles; paging; routes for
 * the static pages.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package cn.suqian.govshare.web;

import org.springframework.modulith.ApplicationModule;
