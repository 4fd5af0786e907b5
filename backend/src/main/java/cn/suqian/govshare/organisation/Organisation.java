package cn.suqian.govshare.organisation;

import java.time.OffsetDateTime;

/** An organisation: stable short ASCII code, Chinese name, type and parent. */
public record Organisation(String code, String name, String nameEn, OrganisationType type, String parentCode,
                           String unifiedCode, String contactPerson, String contactPhone, OffsetDateTime retiredAt) {
}
