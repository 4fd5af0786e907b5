package cn.suqian.govshare.catalogue;

import cn.suqian.govshare.catalogue.CatalogueResource.BaseDatabase;
import cn.suqian.govshare.catalogue.CatalogueResource.OpenAttribute;
import cn.suqian.govshare.catalogue.CatalogueResource.SharingType;

import cn.suqian.govshare.record.Params;
import cn.suqian.govshare.record.RecordHistory;
import cn.suqian.govshare.record.Versioned;
import cn.suqian.govshare.record.RecordRules;
import cn.suqian.govshare.record.SheetImport;
import cn.suqian.govshare.record.SpreadsheetResponses;

import cn.suqian.govshare.access.Access;
import cn.suqian.govshare.access.CurrentUser;
import cn.suqian.govshare.spreadsheet.SheetFormat;
import cn.suqian.govshare.web.PageRequest;
import cn.suqian.govshare.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The information-resource catalogue. Everyone signed in reads (departments: their own organisation's
 * resources); the e-government office changes all, a department the resources it provides. A thin
 * mapping onto {@link CatalogueService}.
 */
@RestController
@RequestMapping("/api/v1/catalogue")
class CatalogueController {

    private final CatalogueService catalogue;

    CatalogueController(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    /** List filters as request parameters. */
    public record Query(String organisation, String sharingType, String openAttribute, Boolean mounted, String baseDatabase,
                        Integer category, String sourceSystem, String q, Boolean includeRetired) {

        CatalogueService.Filter filter() {
            return new CatalogueService.Filter(RecordRules.trim(organisation),
                    Params.enumOf("sharingType", sharingType, SharingType.class),
                    Params.enumOf("openAttribute", openAttribute, OpenAttribute.class), mounted,
                    Params.enumOf("baseDatabase", baseDatabase, BaseDatabase.class), category,
                    RecordRules.trim(sourceSystem), q, Boolean.TRUE.equals(includeRetired));
        }
    }

    @Operation(summary = "List catalogue resources: filters organisation, sharingType, openAttribute, mounted, baseDatabase, category, "
            + "sourceSystem, q; paging; sort=field,asc|desc. Any signed-in person; departments see their own.")
    @GetMapping
    @PreAuthorize(Access.ANY_USER)
    public Mono<PageResult<CatalogueResource>> list(CurrentUser user, @ModelAttribute Query query,
                                                    @RequestParam(required = false) String sort,
                                                    @RequestParam(required = false) Integer page,
                                                    @RequestParam(required = false) Integer size) {
        return catalogue.find(user, query.filter(), sort, PageRequest.of(page, size));
    }

    @Operation(summary = "Download the catalogue as XLSX or CSV with Chinese headings (format=xlsx|csv), same filters. Any signed-in person; departments get their own.")
    @GetMapping("/export")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> export(CurrentUser user, @ModelAttribute Query query,
                                               @RequestParam(required = false) String format) {
        return catalogue.export(user, query.filter(), SheetFormat.of(format)).map(SpreadsheetResponses::file);
    }

    @Operation(summary = "The empty catalogue import template with Chinese headings (format=xlsx|csv); XLSX adds drop-downs, an example sheet, a 填写说明 sheet and, for a department, its own organisation code pre-filled. Any signed-in person.")
    @GetMapping("/template")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<byte[]>> template(CurrentUser user, @RequestParam(required = false) String format) {
        return Mono.defer(() -> catalogue.template(user, SheetFormat.of(format))).map(SpreadsheetResponses::file);
    }

    @Operation(summary = "One catalogue resource, with its version as ETag (the code contains '/', so it is passed as ?code=). Any signed-in person; departments their own.")
    @GetMapping("/resource")
    @PreAuthorize(Access.ANY_USER)
    public Mono<ResponseEntity<CatalogueResource>> get(CurrentUser user, @RequestParam String code) {
        return catalogue.read(user, code).map(Versioned::ok);
    }

    @Operation(summary = "A resource's history from the audit trail (?code=), newest first. Whoever may read the resource.")
    @GetMapping("/resource/history")
    @PreAuthorize(Access.ANY_USER)
    public Mono<List<RecordHistory.Entry>> history(CurrentUser user, @RequestParam String code) {
        return catalogue.history(user, code);
    }

    @Operation(summary = "Add a resource to the catalogue. EGOV_ADMIN, or DEPARTMENT for resources it provides.")
    @PostMapping
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<CatalogueResource>> create(CurrentUser user, @RequestBody CatalogueResource resource) {
        return catalogue.create(user, resource).map(Versioned::created);
    }

    @Operation(summary = "Replace a resource's entry (?code=; the code never changes). With If-Match (the ETag read), refused with 409 "
            + "editConflict if someone changed it meanwhile. EGOV_ADMIN, or DEPARTMENT for resources it provides.")
    @PutMapping("/resource")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<CatalogueResource>> update(CurrentUser user, @RequestParam String code,
                                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @RequestBody CatalogueResource resource) {
        return catalogue.update(user, code, resource, Versioned.expected(ifMatch)).map(Versioned::ok);
    }

    @Operation(summary = "Retire a resource (?code=; kept, unmounted, never deleted), optionally with {\"reason\"} kept in the audit trail; "
            + "If-Match as for replacing. EGOV_ADMIN, or DEPARTMENT for resources it provides.")
    @PostMapping("/resource/retire")
    @PreAuthorize(Access.EDITORS)
    public Mono<ResponseEntity<CatalogueResource>> retire(CurrentUser user, @RequestParam String code,
                                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @RequestBody(required = false) RecordHistory.Retirement retirement) {
        return catalogue.retire(user, code, Versioned.expected(ifMatch), retirement).map(Versioned::ok);
    }

    @Operation(summary = "Import an XLSX or CSV catalogue (multipart field 'file'), all or nothing; dryRun=true only checks. EGOV_ADMIN, or DEPARTMENT for its own rows.")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Access.EDITORS)
    public Mono<SheetImport.Result> importFile(CurrentUser user, @RequestPart("file") FilePart file,
                                               @RequestParam(defaultValue = "false") boolean dryRun) {
        return SpreadsheetResponses.read(file).flatMap(bytes -> catalogue.importSheet(user, bytes, file.filename(), dryRun));
    }

    @Operation(summary = "Import an XLSX or CSV catalogue sent as the request body. Same rules as the multipart form.")
    @PostMapping(path = "/import", consumes = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"})
    @PreAuthorize(Access.EDITORS)
    public Mono<SheetImport.Result> importBody(CurrentUser user, @RequestBody(required = false) byte[] content,
                                               @RequestParam(defaultValue = "false") boolean dryRun,
                                               @RequestParam(defaultValue = "upload") String fileName) {
        return catalogue.importSheet(user, content, fileName, dryRun);
    }
}
