package cn.suqian.govshare.web;

import java.util.List;

/** One page of a list: the items, the total matching count, and where this page sits. */
public record PageResult<T>(List<T> items, long total, int page, int size) {
}
