package cn.suqian.govshare.record;

/** An enumerated domain value with its Chinese label, used in spreadsheets (the API uses the constant). */
public interface Labelled {
    String label();
}
