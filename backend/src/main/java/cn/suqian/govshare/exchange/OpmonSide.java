package cn.suqian.govshare.exchange;

/** Which security server saw an X-Road call: the client's or the producer's ({@code opmon_record.side}). */
public enum OpmonSide {
    CLIENT, PRODUCER
}
