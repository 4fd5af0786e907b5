package cn.suqian.govshare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * GovShare: monitoring, assessment and project-filing platform for the integration and sharing of
 * a city government's information systems. One package per capability; see each package-info.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GovShareApplication {

    public static void main(String[] args) {
        SpringApplication.run(GovShareApplication.class, args);
    }
}
