package cn.suqian.govshare.web;

/** A request body sent in a {@code Content-Encoding} the endpoint cannot read: answered 415 {@code unsupportedEncoding}. */
public class UnsupportedEncodingRefusal extends RuntimeException {

    private final String encoding;

    public UnsupportedEncodingRefusal(String encoding) {
        super(ResponseCode.UNSUPPORTED_ENCODING.english(ResponseCode.UNSUPPORTED_ENCODING.params(encoding)));
        this.encoding = encoding;
    }

    String encoding() {
        return encoding;
    }
}
