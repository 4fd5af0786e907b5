/**
 * Who is calling and what they may do, as every capability asks it: the roles, the access expressions
 * endpoints declare with @PreAuthorize(Access.X), and CurrentUser with its organisation scope (a
 * department sees and changes only its own organisation's data). Shared infrastructure: it knows nothing
 * of how a caller signed in (see security).
 */
@ApplicationModule(displayName = "Access", allowedDependencies = {"db", "web"})
package cn.suqian.govshare.access;

import org.springframework.modulith.ApplicationModule;
