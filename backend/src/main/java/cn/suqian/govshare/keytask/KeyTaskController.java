package cn.suqian.govshare.keytask;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** The plan's key tasks and safeguards: a public board for everyone signed in; progress by the responsible units. */
@RestController
@RequestMapping("/api/v1/tasks")
class KeyTaskController {

    private final KeyTaskService tasks;

    KeyTaskController(KeyTaskService tasks) {
        this.tasks = tasks;
    }

    @Operation(summary = "All key tasks and safeguards with milestones and derived status. Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<KeyTask>> list(CurrentUser user) {
        return tasks.list(user);
    }

    @Operation(summary = "One task with its progress history. Any signed-in person.")
    @GetMapping("/{code}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<KeyTask> get(CurrentUser user, @PathVariable String code) {
        return tasks.get(user, code);
    }

    @Operation(summary = "Report progress with evidence; with milestoneCode and metOn declares the milestone met. "
            + "EGOV_ADMIN, or DEPARTMENT of a lead or co-responsible organisation (declaring met: lead organisations only).")
    @PostMapping("/{code}/progress")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.EDITORS)
    public Mono<KeyTask> report(CurrentUser user, @PathVariable String code, @RequestBody KeyTaskService.ProgressReport report) {
        return tasks.report(user, code, report);
    }
}
