package cn.suqian.govshare.demo;

import cn.suqian.govshare.organisation.Organisations;

import cn.suqian.govshare.db.Actor;
import cn.suqian.govshare.db.Db;
import cn.suqian.govshare.security.AccountService;
import cn.suqian.govshare.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;


/**
 * Demo users, all with password {@value #PASSWORD}: admin, leader, finance, auditor, and
 * {@code dept-<code>} for every organisation. Created through {@link AccountService} like any account.
 */
@Component
@Order(5)
@ConditionalOnProperty(name = "govshare.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final AccountService accounts;
    private final Db db;
    private final Organisations organisationDirectory;

    DemoUsers(AccountService accounts, Db db, Organisations organisationDirectory) {
        this.organisationDirectory = organisationDirectory;
        this.accounts = accounts;
        this.db = db;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor actor = Actor.system("demo");
        int created = 0;
        for (var a : List.of(
                new AccountService.NewAccount("admin", "电子政务办管理员", Role.EGOV_ADMIN, "egov", PASSWORD),
                new AccountService.NewAccount("leader", "领导小组", Role.LEADER, "gov-office", PASSWORD),
                new AccountService.NewAccount("finance", "财政局", Role.FINANCE, "finance", PASSWORD),
                new AccountService.NewAccount("auditor", "审计局", Role.AUDITOR, "audit", PASSWORD))) {
            created += accounts.createIfAbsent(actor, a, false) ? 1 : 0;
        }
        var organisations = db.inTransaction(actor, organisationDirectory::active);
        for (var o : organisations) {
            created += accounts.createIfAbsent(actor, new AccountService.NewAccount("dept-" + o.code(), o.name(),
                    Role.DEPARTMENT, o.code(), PASSWORD), false) ? 1 : 0;
        }
        log.info("DEMO MODE: users admin, leader, finance, auditor and dept-<organisation code> (e.g. dept-finance), "
                + "all with password '{}'. {} created now.", PASSWORD, created);
    }
}
