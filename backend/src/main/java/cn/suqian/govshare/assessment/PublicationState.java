package cn.suqian.govshare.assessment;

/** A year's assessment: a draft (runs may replace the result), published (frozen, challenge window open), final. */
public enum PublicationState { DRAFT, PUBLISHED, FINAL }
