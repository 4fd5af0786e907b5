package cn.suqian.govshare.record;

import cn.suqian.govshare.access.CurrentUser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * What every registry record type offers to be edited in the browser: read with its version, its history, create,
 * replace against the version read, retire. Implemented by {@link OwnedRecords} and {@link SheetBackedRecords}; the
 * HTTP side is {@link RecordEndpoints}.
 */
public interface EditableRecords<T> {

    Mono<Versioned<T>> read(CurrentUser user, String code);

    Mono<List<RecordHistory.Entry>> history(CurrentUser user, String code);

    Mono<Versioned<T>> create(CurrentUser user, T input);

    Mono<Versioned<T>> update(CurrentUser user, String code, T input, Long expectedVersion);

    Mono<Versioned<T>> retire(CurrentUser user, String code, Long expectedVersion, RecordHistory.Retirement retirement);
}
