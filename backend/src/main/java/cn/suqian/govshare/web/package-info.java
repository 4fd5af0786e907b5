/**
 * Thin web infrastructure shared by every capability: RFC 9457 problem responses for bad input, missing
 * records and refusals; paging; routes for the static pages.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = {})
package cn.suqian.govshare.web;

import org.springframework.modulith.ApplicationModule;
