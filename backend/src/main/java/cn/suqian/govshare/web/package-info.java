/**
 * Thin web infrastructure shared by every capability: RFC 9457 problem responses for bad input,
 * missing records and refusals; paging; routes for the static pages (login, shell).
 */
package cn.suqian.govshare.web;
