package cn.suqian.govshare.web;

/** The addressed record does not exist (or is not visible to the caller, who must not learn which). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " '" + id + "' not found");
    }
}
