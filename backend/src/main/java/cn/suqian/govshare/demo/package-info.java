/**
 * Demo mode (the embedded default): demo users and a plausible demo city, all entered through the same
 * services and import paths that real data uses.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"access", "assessment", "catalogue", "connection", "db", "eligibility", "exchange", "facility", "filing", "inventory", "keytask", "organisation", "record", "report", "security", "spreadsheet", "web"})
package cn.suqian.govshare.demo;

import org.springframework.modulith.ApplicationModule;
