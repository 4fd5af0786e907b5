package cn.suqian.govshare.access;

/**
 * Implemented by every authenticated principal (a person's account, a machine client's token), so that
 * capabilities learn who is calling without knowing how the caller signed in.
 */
public interface Caller {
    CurrentUser currentUser();
}
