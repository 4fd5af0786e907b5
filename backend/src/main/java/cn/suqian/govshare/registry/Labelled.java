package cn.suqian.govshare.registry;

/** An enumerated domain value with its Chinese label, used in spreadsheets (the API uses the constant). */
public interface Labelled {
    String label();
}
