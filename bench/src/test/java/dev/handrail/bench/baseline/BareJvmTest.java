package dev.handrail.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class BareJvmTest {

    @Test
    void classPathKeepsTheBenchAndLibrariesButNoOtherHandrailModule() {
        String harness = String.join(
                File.pathSeparator,
                List.of(
                        "bench/target/classes",
                        "/root/.m2/repository/dev/handrail/launcher/0.1.0-SNAPSHOT/launcher-0.1.0-SNAPSHOT.jar",
                        "/root/.m2/repository/dev/handrail/bus/0.1.0-SNAPSHOT/bus-0.1.0-SNAPSHOT.jar",
                        "/work/main/contracts/target/contracts-0.1.0-SNAPSHOT.jar",
                        "/work/main/gateway-service/target/classes",
                        "/root/.m2/repository/io/micronaut/micronaut-http-server-netty/4.10.15/micronaut-http-server-netty-4.10.15.jar"));

        assertThat(BareJvm.classPath(harness).split(File.pathSeparator))
                .containsExactly(
                        "bench/target/classes",
                        "/root/.m2/repository/io/micronaut/micronaut-http-server-netty/4.10.15/micronaut-http-server-netty-4.10.15.jar");
    }
}
