package dev.handrail.policy.blocked;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandGuardTest {

    static Stream<String> formatsADisk() {
        return Stream.of(
                "format C: /q",
                "FORMAT D: /FS:NTFS",
                "format.com E:",
                "mkfs.ext4 /dev/sdb1",
                "mkfs -t xfs /dev/sdc",
                "/sbin/mkfs.vfat /dev/sdd1",
                "sudo mkfs.ext4 /dev/sdb1",
                "sudo -u root mkfs.btrfs /dev/nvme0n1",
                "diskpart /s wipe.txt",
                "wipefs -a /dev/sda",
                "dd if=/dev/zero of=/dev/sda bs=1M",
                "cmd /c format C:",
                "cmd.exe /C \"format D: /q /y\"",
                "powershell -Command \"Format-Volume -DriveLetter D\"",
                "powershell.exe -NoProfile -ExecutionPolicy Bypass -Command Format-Volume -DriveLetter E",
                "pwsh -c Clear-Disk -Number 1 -RemoveData",
                "sh -c 'mkfs.ext4 /dev/sdb'",
                "bash -c \"echo go && mkfs.ext4 /dev/sdb\"",
                "mke2fs /dev/sdb1",
                "mkdosfs -F 32 /dev/sdc1",
                "mkntfs -f /dev/sdd1",
                "mkexfatfs /dev/sde1",
                "mkswap /dev/sda2",
                "newfs_msdos /dev/disk2",
                "blkdiscard /dev/nvme0n1",
                "fdisk /dev/sda",
                "parted -s /dev/sda mklabel gpt",
                "dd if=x of=//dev/sda",
                "dd if=x of=/dev/../dev/sda",
                "dd if=x of=/dev/./sda",
                "dd if=x of=/proc/self/root/dev/sda",
                "dd if=x of=../../../../dev/sda",
                "dd if=x of=\\\\.\\PhysicalDrive0",
                "dcfldd if=/dev/zero of=/dev/sdb",
                "shred -n 1 /dev/sda",
                "shred //dev/sda",
                "cat disk.img > /dev/sda",
                "cat disk.img >//dev/sdb",
                "echo x>/dev/sdc",
                "head -c 1M /dev/zero | tee /dev/sda",
                "cp disk.img /dev/sdb",
                "pkexec mkfs.ext4 /dev/sdb");
    }

    static Stream<String> shutsDownOrReboots() {
        return Stream.of(
                "shutdown /s /t 0",
                "shutdown -h now",
                "SHUTDOWN.EXE /r",
                "C:\\Windows\\System32\\shutdown.exe /s",
                "reboot",
                "/sbin/reboot -f",
                "poweroff",
                "halt -p",
                "init 0",
                "telinit 6",
                "systemctl poweroff",
                "systemctl reboot --force",
                "loginctl reboot",
                "sudo shutdown -r now",
                "nohup reboot &",
                "timeout 5 shutdown now",
                "env LANG=C shutdown now",
                "cmd /c shutdown /r /t 0",
                "cmd /k \"shutdown /s\"",
                "cmd /c \"echo bye & shutdown /s\"",
                "cmd /c sh^utdown /s",
                "powershell -Command Stop-Computer",
                "powershell -command \"Restart-Computer -Force\"",
                "powershell Restart-Computer",
                "pwsh -NoLogo -Command \"& { Stop-Computer }\"",
                "powershell -c \"Invoke-Expression 'Stop-Computer'\"",
                "powershell -EncodedCommand " + encoded("Stop-Computer -Force"),
                "powershell -enc " + encoded("Restart-Computer"),
                "sh -c reboot",
                "sh -c 'sleep 1; reboot'",
                "bash -lc \"sudo shutdown -h now\"",
                "/bin/bash -c 'systemctl poweroff'",
                "zsh -c 'poweroff'",
                "echo $(shutdown -h now)",
                "echo `reboot`",
                "ls; shutdown now",
                "true && reboot",
                "false || poweroff",
                "echo hi | shutdown -h now",
                "(reboot)",
                "eval \"reboot\"",
                "FOO=1 reboot",
                "sh -c \"bash -c 'cmd /c \\\"shutdown /s\\\"'\"",
                "wsl shutdown -h now",
                "su -c 'reboot' root",
                "xargs -n1 reboot",
                "systemctl start poweroff.target",
                "systemctl isolate reboot.target",
                "systemctl start halt.target",
                "systemctl --no-block start systemd-poweroff.service",
                "systemctl isolate runlevel0.target",
                "systemctl -i reboot",
                "systemctl suspend",
                "busctl call org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager PowerOff b false",
                "dbus-send --system --dest=org.freedesktop.login1 /org/freedesktop/login1 "
                        + "org.freedesktop.login1.Manager.Reboot boolean:true",
                "pkexec reboot",
                "pkexec --user root shutdown now",
                "systemd-run reboot",
                "systemd-run --unit x --property=Nice=5 -p CPUQuota=5% shutdown now",
                "systemd-run --uid=0 -- poweroff",
                "flock /tmp/lock reboot",
                "flock -w 5 /tmp/lock -c 'shutdown now'",
                "flock --timeout 5 /tmp/lock --command reboot",
                "taskset 0x1 reboot",
                "taskset -c 0-3 poweroff",
                "chrt -f 10 reboot",
                "ionice -c 3 reboot",
                "ionice -c3 -n7 shutdown now",
                "stdbuf -oL reboot",
                "stdbuf -o L reboot",
                "setsid -f reboot",
                "timeout -s KILL 5 reboot",
                "timeout --signal=TERM 10s poweroff",
                "nohup setsid timeout 5 reboot",
                "env -S 'shutdown now'",
                "env -u HOME reboot",
                "sudo -Eu root reboot",
                "sudo --user=root reboot",
                "xargs -I{} reboot",
                "xargs -P 4 -n 1 poweroff",
                "watch -n 1 reboot",
                "su root -c reboot",
                "runuser -u root -- reboot",
                "sg wheel -c reboot",
                "nice -n5 reboot",
                "cmd /c start \"\" shutdown /s",
                "cmd /c start shutdown /s",
                "cmd /c start /b /d C:\\ shutdown /s",
                "runas /user:admin \"shutdown /s\"");
    }

    static Stream<String> deletesRecursively() {
        return Stream.of(
                "rm -rf /",
                "rm -r build",
                "rm -R build",
                "rm -fr ~",
                "rm -Rf /tmp/x",
                "rm --recursive dir",
                "rm -v -r dir",
                "/bin/rm -rf dir",
                "sudo rm -rf /var",
                "r\\m -rf /",
                "\"rm\" -rf /",
                "'rm' -rf /",
                "del /s /q C:\\Users",
                "DEL /S *.*",
                "erase /s C:\\temp",
                "rd /s /q C:\\",
                "rmdir /S /Q C:\\data",
                "cmd /c del /s /q C:\\work",
                "cmd.exe /c \"rd /s /q C:\\\"",
                "cmd /c \"cd C:\\ && rmdir /s /q data\"",
                "cmd /cdel /s x",
                "@rd /s /q x",
                "powershell -Command \"Remove-Item -Recurse -Force C:\\temp\"",
                "powershell -Command Remove-Item C:\\temp -Recurse",
                "powershell -c \"rm -r C:\\x\"",
                "powershell -c \"ri -rec C:\\x\"",
                "pwsh -c \"Remove-Item -Recurse:$true C:\\x\"",
                "powershell -c \"Get-ChildItem C:\\x | Remove-Item -Recurse\"",
                "powershell -c \"Remove-It`em -Recurse C:\\x\"",
                "powershell -e " + encoded("Remove-Item -Recurse -Force C:\\"),
                "sh -c 'rm -rf /'",
                "bash -c \"cd / && rm -rf *\"",
                "find / -delete",
                "find . -name '*.log' -exec rm -rf {} \\;",
                "find . -type d -execdir rm -r {} +",
                "xargs rm -rf",
                "echo $(rm -rf /)",
                "nice -n 10 rm -rf /",
                "busybox rm -rf /",
                "rm --recur dir",
                "rm --rec dir",
                "rm --r dir",
                "rm -f --recursive dir",
                "pkexec rm -rf /",
                "systemd-run --user rm -rf ~",
                "flock /tmp/l rm -rf /",
                "taskset 1 rm -rf /",
                "xargs -0 rm -rf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatsADisk")
    void blocksFormattingADisk(String command) {
        assertThat(CommandGuard.check(command)).hasValueSatisfying(blocked -> {
            assertThat(blocked.reason()).isEqualTo("blocked_command");
            assertThat(blocked.detail()).contains("formats or wipes a disk");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shutsDownOrReboots")
    void blocksShuttingDownOrRebooting(String command) {
        assertThat(CommandGuard.check(command))
                .hasValueSatisfying(
                        blocked -> assertThat(blocked.detail()).contains("shuts down or restarts the machine"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletesRecursively")
    void blocksDeletingRecursively(String command) {
        assertThat(CommandGuard.check(command))
                .hasValueSatisfying(blocked -> assertThat(blocked.detail()).contains("deletes recursively"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ls -la",
                "rm notes.txt",
                "rm -f notes.txt",
                "del notes.txt",
                "del /q notes.txt",
                "rmdir empty",
                "rd emptydir",
                "echo shutdown",
                "echo \"rm -rf /\"",
                "echo 'reboot now'",
                "grep -r format .",
                "grep -R shutdown /var/log",
                "ls -R",
                "cp -r a b",
                "git format-patch HEAD~1",
                "formatter --check src",
                "cat reboot.log",
                "python -c \"print('shutdown')\"",
                "find . -name '*.tmp'",
                "powershell -Command Get-ChildItem -Recurse",
                "powershell -Command \"Remove-Item C:\\temp\\a.txt\"",
                "cmd /c dir /s",
                "systemctl status",
                "init --version",
                "sh -c 'echo hello'",
                "docker run --rm alpine echo hi",
                "npm run format",
                "kill -9 1234",
                "java -jar app.jar --shutdown-timeout 5",
                "systemctl status poweroff.target",
                "systemctl list-dependencies reboot.target",
                "systemctl restart nginx",
                "dd if=/dev/sda of=disk.img",
                "dd if=x of=/dev/null",
                "cat x > /dev/null",
                "echo hi >/dev/stderr",
                "ls 2>&1",
                "fdisk -l",
                "sfdisk --list /dev/sda",
                "rm --force notes.txt",
                "rm --verbose --dir empty",
                "tee log.txt",
                "shred secret.txt",
                "cp a.txt b.txt",
                "timeout 5 ls",
                "flock /tmp/l ls -la",
                "taskset 1 ls",
                "pkexec ls",
                "systemd-run --unit x ls",
                "mkdir build",
                "busctl status"
            })
    void letsOrdinaryCommandsThrough(String command) {
        assertThat(CommandGuard.check(command)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "sh -c \"$(echo rm) -rf /\"",
                "$CMD -rf /",
                "`which rm` -rf /",
                "%COMSPEC% /c dir",
                "powershell -c \"& $tool -Recurse\""
            })
    void blocksAProgramWhoseNameIsComputedWhenItRuns(String command) {
        assertThat(CommandGuard.check(command))
                .hasValueSatisfying(blocked ->
                        assertThat(blocked.detail()).contains("computes the program to run only when it runs"));
    }

    @org.junit.jupiter.api.Test
    void blocksACommandNestedTooDeeplyToInspect() {
        String command = "ls";
        for (int i = 0; i < ShellCommandParser.MAX_DEPTH + 2; i++) {
            command = "eval \"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        assertThat(CommandGuard.check(command))
                .hasValueSatisfying(blocked -> assertThat(blocked.detail()).contains("too deeply"));
        assertThat(CommandGuard.check("eval \"eval ls\"")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launches")
    void checksTheProgramAndArgumentsOfAnAppLaunch(List<String> argv, boolean blocked) {
        assertThat(CommandGuard.checkArgv(argv).isPresent()).isEqualTo(blocked);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> launches() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        List.of("C:\\Windows\\System32\\shutdown.exe", "/s"), true),
                org.junit.jupiter.params.provider.Arguments.of(
                        List.of("cmd.exe", "/c", "rd", "/s", "/q", "C:\\"), true),
                org.junit.jupiter.params.provider.Arguments.of(
                        List.of("powershell.exe", "-Command", "Stop-Computer"), true),
                org.junit.jupiter.params.provider.Arguments.of(List.of("/bin/sh", "-c", "rm -rf /"), true),
                org.junit.jupiter.params.provider.Arguments.of(List.of("notepad.exe", "C:\\notes.txt"), false),
                org.junit.jupiter.params.provider.Arguments.of(List.of("firefox", "https://example.org"), false));
    }

    private static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Every wrapper of the table is looked through, with a dummy for each operand it takes before the command. */
    @org.junit.jupiter.api.Test
    void looksThroughEveryWrapper() {
        for (String name : Wrappers.names()) {
            Wrapper wrapper = Wrappers.find(name).orElseThrow();
            String before = " x".repeat(wrapper.leading());
            String command =
                    wrapper.tail() == Wrapper.Tail.NONE ? name + before + " -c reboot" : name + before + " reboot";
            assertThat(CommandGuard.check(command))
                    .as(command)
                    .hasValueSatisfying(
                            blocked -> assertThat(blocked.detail()).contains("shuts down or restarts the machine"));
        }
    }
}
