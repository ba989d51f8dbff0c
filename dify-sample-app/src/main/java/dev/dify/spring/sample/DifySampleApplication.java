package dev.dify.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application built on the Dify starter.
 */
@SpringBootApplication
public class DifySampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(DifySampleApplication.class, args);
    }
}
