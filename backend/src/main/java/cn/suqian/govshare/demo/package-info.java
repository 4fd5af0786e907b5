/**
 * Demo mode (the embedded default): demo users and, as capabilities arrive, a plausible demo city —
 * all entered through the same services and endpoints that real data uses.
 */
package cn.suqian.govshare.demo;
