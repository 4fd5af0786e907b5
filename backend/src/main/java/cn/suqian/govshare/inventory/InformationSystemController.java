package cn.suqian.govshare.inventory;

import cn.suqian.govshare.inventory.InformationSystem.Deployment;
import cn.suqian.govshare.inventory.InformationSystem.LifecycleStatus;
import cn.suqian.govshare.inventory.InformationSystem.NetworkType;

import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.RecordEndpoints;
import cn.suqian.govshare.record.RecordRules;
import cn.suqian.govshare.record.SheetImport;
import cn.suqian.govshare.record.SpreadsheetResponses;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The information-system inventory. Everyone signed in reads (departments: their own organisation only);
 * the e-government office changes all, a department its own organisation's systems. A thin mapping onto
 * {@link InformationSystemService}.
 */
@RestController
@RequestMapping("/api/v1/systems")
class InformationSystemController extends RecordEndpoints<InformationSystem> {

    private final InformationSystemService systems;

    InformationSystemController(InformationSystemService systems) {
        super(systems);
        this.systems = systems;
    }

    @Operation(summary = "List systems with filters, paging and sorting (sort=field,asc|desc). Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<InformationSystem>> list(CurrentUser user,
                                                    @RequestParam(required = false) String organisation,
                                                    @RequestParam(required = false) String lifecycleStatus,
                                                    @RequestParam(required = false) String deployment,
                                                    @RequestParam(required = false) String network,
                                                    @RequestParam(required = false) Boolean mustConnect,
                                                    @RequestParam(required = false) String q,
                                                    @RequestParam(defaultValue = "false") boolean includeRetired,
                                                    @RequestParam(required = false) String sort,
                                                    @RequestParam(required = false) Integer page,
                                                    @RequestParam(required = false) Integer size) {
        var filter = filter(organisation, lifecycleStatus, deployment, network, mustConnect, q, includeRetired);
        return systems.find(user, filter, sort, PageRequest.of(page, size));
    }

    @Operation(summary = "Counts by lifecycle status, deployment and network, must-connect and connected, for the same filters. Any signed-in person; departments see their own.")
    @GetMapping("/summary")
    @PreAuthorize(Access.ANY_USER)
    public Mono<InformationSystemService.Summary> summary(CurrentUser user,
                                                          @RequestParam(required = false) String organisation,
                                                          @RequestParam(required = false) String lifecycleStatus,
                                                          @RequestParam(required = false) String deployment,
                                                          @RequestParam(required = false) String network,
                                                          @RequestParam(required = false) Boolean mustConnect,
                                                          @RequestParam(required = false) String q,
                                                          @RequestParam(defaultValue = "false") boolean includeRetired) {
        return systems.summary(user, filter(organisation, lifecycleStatus, deployment, network, mustConnect, q, includeRetired));
    }

    @Operation(summary = "Download the inventory as XLSX or CSV with Chinese headings (format=xlsx|csv), same filters. Any signed-in person; departments get their own.")
    @GetMapping("/export")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> export(CurrentUser user,
                                               @RequestParam(required = false) String format,
                                               @RequestParam(required = false) String organisation,
                                               @RequestParam(required = false) String lifecycleStatus,
                                               @RequestParam(required = false) String deployment,
                                               @RequestParam(required = false) String network,
                                               @RequestParam(required = false) Boolean mustConnect,
                                               @RequestParam(required = false) String q,
                                               @RequestParam(defaultValue = "false") boolean includeRetired) {
        return systems.export(user, filter(organisation, lifecycleStatus, deployment, network, mustConnect, q, includeRetired),
                SheetFormat.of(format)).map(SpreadsheetResponses::file);
    }

    @Operation(summary = "The empty import template with Chinese headings (format=xlsx|csv); XLSX adds drop-downs, an example sheet, a 填写说明 sheet and, for a department, its own organisation code pre-filled. Any signed-in person.")
    @GetMapping("/template")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> template(CurrentUser user, @RequestParam(required = false) String format) {
        return Mono.defer(() -> systems.template(user, SheetFormat.of(format))).map(SpreadsheetResponses::file);
    }

    @Operation(summary = "Import an XLSX or CSV inventory (multipart field 'file'), all or nothing; dryRun=true only checks. "
            + "A rejected file gets 400 with every offending row and column. EGOV_ADMIN, or DEPARTMENT for its own rows.")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Access.EDITORS)
    public Mono<SheetImport.Result> importFile(CurrentUser user, @RequestPart("file") FilePart file,
                                               @RequestParam(defaultValue = "false") boolean dryRun) {
        return SpreadsheetResponses.read(file).flatMap(bytes -> systems.importSheet(user, bytes, file.filename(), dryRun));
    }

    @Operation(summary = "Import an XLSX or CSV inventory sent as the request body (text/csv or the XLSX media type). Same rules as the multipart form.")
    @PostMapping(path = "/import", consumes = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"})
    @PreAuthorize(Access.EDITORS)
    public Mono<SheetImport.Result> importBody(CurrentUser user, @RequestBody(required = false) byte[] content,
                                               @RequestParam(defaultValue = "false") boolean dryRun,
                                               @RequestParam(defaultValue = "upload") String fileName) {
        return systems.importSheet(user, content, fileName, dryRun);
    }

    static InformationSystemService.Filter filter(String organisation, String lifecycleStatus, String deployment, String network,
                                                  Boolean mustConnect, String q, boolean includeRetired) {
        return new InformationSystemService.Filter(RecordRules.trim(organisation),
                Params.enumOf("lifecycleStatus", lifecycleStatus, LifecycleStatus.class),
                Params.enumOf("deployment", deployment, Deployment.class),
                Params.enumOf("network", network, NetworkType.class), mustConnect, q, includeRetired);
    }
}
