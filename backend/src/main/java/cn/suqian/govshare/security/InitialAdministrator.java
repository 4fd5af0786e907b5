package cn.suqian.govshare.security;

import cn.suqian.govshare.access.Role;

import cn.suqian.govshare.db.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Outside demo mode no default users exist. When no administrator exists yet and
 * {@code GOVSHARE_ADMIN_INITIAL_PASSWORD} is set, the first administrator {@code admin} is created from it.
 */
@Component
@Order(10)
class InitialAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

    private final AccountService accounts;
    private final String initialPassword;

    InitialAdministrator(AccountService accounts, @Value("${govshare.admin.initial-password:}") String initialPassword) {
        this.accounts = accounts;
        this.initialPassword = initialPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor actor = Actor.system("initial-administrator");
        if (accounts.anyAdministrator(actor)) {
            return;
        }
        if (!StringUtils.hasText(initialPassword)) {
            log.warn("No administrator account exists. Set GOVSHARE_ADMIN_INITIAL_PASSWORD to create 'admin'.");
            return;
        }
        accounts.createIfAbsent(actor, new AccountService.NewAccount("admin", "系统管理员", Role.EGOV_ADMIN, "egov",
                initialPassword), true);
        log.info("Created the initial administrator 'admin' (organisation egov).");
    }
}
