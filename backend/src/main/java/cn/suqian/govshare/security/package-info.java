/**
 * How callers sign in: users bound to organisations, machine clients with ingest tokens, and the two
 * filter chains (pages: form login, session and CSRF; API: HTTP Basic, bearer tokens or the page session,
 * JSON problem refusals). What a caller may do is asked through the access module.
 */
@ApplicationModule(displayName = "Security", allowedDependencies = {"access", "db", "organisation", "web"})
@OwnsTables({"app_user", "api_token"})
package cn.suqian.govshare.security;

import cn.suqian.govshare.db.OwnsTables;
import org.springframework.modulith.ApplicationModule;
