package cn.suqian.govshare.assessment;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Methodology versions: everyone signed in reads them (the scores state theirs); the office imports new versions as YAML. */
@RestController
@RequestMapping("/api/v1/methodologies")
class MethodologyController {

    private final MethodologyService methodologies;

    MethodologyController(MethodologyService methodologies) {
        this.methodologies = methodologies;
    }

    public record ImportInput(String yaml, String changeLog) {
    }

    @Operation(summary = "Methodology versions with change log and author, newest first (optionally of one year). Any signed-in person.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<Methodology>> list(CurrentUser user, @RequestParam(required = false) Integer year) {
        return methodologies.list(user, year);
    }

    @Operation(summary = "The default methodology as YAML (a starting point for a new version). Any signed-in person.")
    @GetMapping(path = "/default.yaml")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> defaultYaml(CurrentUser user) {
        return Mono.just(yaml(MethodologyService.defaultYaml(), "default-methodology.yaml"));
    }

    @Operation(summary = "One version. Any signed-in person.")
    @GetMapping("/{year}/{version}")
    @PreAuthorize(Access.ANY_USER)
    public Mono<Methodology> get(CurrentUser user, @PathVariable int year, @PathVariable int version) {
        return methodologies.get(user, year, version);
    }

    @Operation(summary = "One version exported as YAML. Any signed-in person.")
    @GetMapping("/{year}/{version}/yaml")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> export(CurrentUser user, @PathVariable int year, @PathVariable int version) {
        return methodologies.exportYaml(user, year, version).map(y -> yaml(y, "methodology-" + year + "-v" + version + ".yaml"));
    }

    @Operation(summary = "Import a YAML methodology as the year's next version, with a change-log line. EGOV_ADMIN.")
    @PostMapping("/{year}")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Access.ADMIN)
    public Mono<Methodology> importYaml(CurrentUser user, @PathVariable int year, @RequestBody ImportInput input) {
        return methodologies.importYaml(user, year, input.yaml(), input.changeLog());
    }

    private static ResponseEntity<byte[]> yaml(String text, String filename) {
        return ResponseEntity.ok().contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                .body(text.getBytes(StandardCharsets.UTF_8));
    }
}
