package dev.handrail.launcher;

import dev.handrail.devkit.ExecutorNodes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./handrail package executor [--credentials FILE]}: the executor as a zip to install on
 * another machine, a Windows desktop above all (docs/windows-node.md). It holds the executor's jar
 * and its runtime class path under {@code lib/}, {@code handrail-executor.cmd} and
 * {@code handrail-executor.ps1}, which start it in the user's interactive session with the settings
 * of {@code handrail-executor.env}, and that settings file: a template, or filled from a node's
 * credentials file ({@code ./handrail nodes add}), in which case the zip is a secret and is written
 * owner-only. The zip goes to {@code <home>/dist/handrail-executor-<version>.zip}.
 */
final class PackageCommand {

    static final String USAGE = "Usage: ./handrail package executor [--credentials FILE]";

    private static final String MODULE = "executor-service";
    /** The settings file's variables, each with the comment above it, in order; values of a template. */
    private static final List<String[]> SETTINGS = List.of(
            new String[] {
                "HANDRAIL_NODE_ID",
                "This node's id, as enrolled on the Handrail host with ./handrail nodes add <node>.",
                ""
            },
            new String[] {
                "HANDRAIL_NATS_URL",
                "nats://executor-<node>:<password>@<host>:<port> from the node's credentials file (a secret).",
                ""
            },
            new String[] {
                "HANDRAIL_WORKSPACE",
                "The executor's file root: file paths and shell.run's working directories stay in it. Empty:"
                        + " %USERPROFILE%\\handrail-workspace.",
                ""
            },
            new String[] {
                "HANDRAIL_DESKTOP",
                "auto drives this user's desktop (screen, keyboard, mouse, clipboard, windows); none turns that off.",
                "auto"
            },
            new String[] {
                "MICRONAUT_SERVER_HOST",
                "The executor's own HTTP port answers only /health; on loopback no firewall prompt appears.",
                "127.0.0.1"
            },
            new String[] {"HANDRAIL_EXECUTOR_PORT", "That port.", "8082"},
            new String[] {
                "HANDRAIL_MANAGEMENT_PORT", "Its management port (health details, metrics), always on loopback.", "9082"
            });

    private final Settings settings;
    private final PrintStream out;

    PackageCommand(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the command; returns the process exit status. */
    int run(List<String> args) {
        boolean plain = args.size() == 1;
        boolean withCredentials = args.size() == 3 && args.get(1).equals("--credentials");
        if (args.isEmpty() || !args.getFirst().equals("executor") || !(plain || withCredentials)) {
            out.println(USAGE);
            return 2;
        }
        Path credentials = withCredentials ? Path.of(args.get(2)) : null;
        if (credentials != null && !Files.isRegularFile(credentials)) {
            out.println("No credentials file " + credentials + " (./handrail nodes add <node> writes one)");
            return 1;
        }
        try {
            Path zip = build(credentials);
            out.println("Executor package: " + zip);
            out.println(
                    credentials == null
                            ? "  Fill in handrail-executor.env from the node's credentials file"
                                    + " (or package with --credentials FILE)."
                            : "  It holds the node's credentials: a secret, written owner-only; copy it to the node"
                                    + " and delete it here.");
            out.println("  Install it: docs/windows-node.md");
            return 0;
        } catch (IllegalStateException e) {
            out.println("Not packaged: " + e.getMessage());
            return 1;
        }
    }

    /** Writes the zip and returns its path. */
    Path build(Path credentials) {
        Path target = settings.repo().resolve(MODULE).resolve("target");
        try {
            Path jar = ServiceProcess.currentJar(target, MODULE)
                    .orElseThrow(() -> new IllegalStateException(
                            "no current " + MODULE + " jar in " + target + ": build first (./handrail build)"));
            String name = jar.getFileName().toString();
            String version = name.substring(MODULE.length() + 1, name.length() - ".jar".length());
            String root = "handrail-executor-" + version + "/";
            Path dist = Files.createDirectories(settings.home().resolve("dist"));
            Path zip = dist.resolve("handrail-executor-" + version + ".zip");
            Files.deleteIfExists(zip);
            Files.createFile(zip);
            if (credentials != null) {
                ownerOnly(zip);
            }
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip, StandardOpenOption.WRITE))) {
                Set<String> names = new HashSet<>();
                for (Path entry : classPath(target, jar)) {
                    String file = entry.getFileName().toString();
                    String unique = file;
                    for (int n = 2; !names.add(unique); n++) {
                        unique = n + "-" + file;
                    }
                    put(out, root + "lib/" + unique, Files.readAllBytes(entry));
                }
                String mainClass = ServiceModules.mainClass(MODULE);
                put(out, root + "handrail-executor.cmd", crlf(cmdScript(mainClass)));
                put(out, root + "handrail-executor.ps1", crlf(powerShellScript(mainClass)));
                put(out, root + "handrail-executor.env", crlf(settingsFile(credentials)));
                put(out, root + "README.txt", crlf(readme(version)));
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot package the executor", e);
        }
    }

    /** The executor's jar, then every jar of its runtime class path; a class directory is refused. */
    private static List<Path> classPath(Path target, Path jar) throws IOException {
        List<Path> entries = new ArrayList<>(List.of(jar));
        for (String entry :
                Files.readString(target.resolve("runtime-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path) || !entry.endsWith(".jar")) {
                throw new IllegalStateException("the executor's class path holds " + entry
                        + ", not a jar: build the modules first (./handrail build)");
            }
            entries.add(path);
        }
        return entries;
    }

    /** The settings file: the template, with the values of {@code credentials} (if given) filled in. */
    static String settingsFile(Path credentials) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] setting : SETTINGS) {
            values.put(setting[0], setting[2]);
        }
        Map<String, String> given = credentials == null ? Map.of() : ExecutorNodes.readCredentials(credentials);
        values.putAll(given);
        StringBuilder text = new StringBuilder()
                .append("# Settings of the Handrail executor, read by handrail-executor.cmd and handrail-executor.ps1")
                .append(" at each start.\n# NAME=value, one a line; an empty value leaves the default.")
                .append(credentials == null ? "" : " It holds this node's NATS password: keep it to this user.")
                .append('\n');
        for (String[] setting : SETTINGS) {
            text.append("\n# ").append(setting[1]).append('\n');
            text.append(setting[0])
                    .append('=')
                    .append(values.remove(setting[0]))
                    .append('\n');
        }
        values.forEach((key, value) ->
                text.append('\n').append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** {@code handrail-executor.cmd}: reads the settings, then runs the executor in this session. */
    static String cmdScript(String mainClass) {
        return """
                @echo off
                rem Starts the Handrail executor in this user's interactive session, with the settings of
                rem handrail-executor.env beside this script. Run it from a logon task or a Startup shortcut:
                rem a Windows service runs in session 0 and cannot drive the desktop (docs/windows-node.md).
                setlocal EnableExtensions DisableDelayedExpansion
                set "HERE=%~dp0"
                for /f "usebackq eol=# tokens=1,* delims==" %%a in ("%HERE%handrail-executor.env") do (
                  if not "%%b"=="" set "%%a=%%b"
                )
                if not defined HANDRAIL_NODE_ID (
                  echo handrail-executor.env sets no HANDRAIL_NODE_ID: fill it in from the node's credentials. 1>&2
                  exit /b 2
                )
                if not defined HANDRAIL_WORKSPACE set "HANDRAIL_WORKSPACE=%USERPROFILE%\\handrail-workspace"
                if not exist "%HANDRAIL_WORKSPACE%" mkdir "%HANDRAIL_WORKSPACE%"
                set "JAVA=java"
                if defined JAVA_HOME set "JAVA=%JAVA_HOME%\\bin\\java.exe"
                if not exist "%HERE%logs" mkdir "%HERE%logs"
                "%JAVA%" JVM_OPTIONS -cp "%HERE%lib\\*" MAIN_CLASS >> "%HERE%logs\\handrail-executor.log" 2>&1
                exit /b %ERRORLEVEL%
                """.replace("JVM_OPTIONS", String.join(" ", ServiceProcess.JVM_OPTIONS))
                .replace("MAIN_CLASS", mainClass);
    }

    /** {@code handrail-executor.ps1}: reads the settings, checks Java 21+, then runs the executor in this session. */
    static String powerShellScript(String mainClass) {
        return """
                # Starts the Handrail executor in this user's interactive session, with the settings of
                # handrail-executor.env beside this script. Run it from a logon task or a Startup shortcut:
                # a Windows service runs in session 0 and cannot drive the desktop (docs/windows-node.md).
                $ErrorActionPreference = 'Stop'
                $here = Split-Path -Parent $MyInvocation.MyCommand.Path
                foreach ($line in Get-Content -LiteralPath (Join-Path $here 'handrail-executor.env')) {
                    $text = $line.Trim()
                    $equals = $text.IndexOf('=')
                    if ($text -eq '' -or $text.StartsWith('#') -or $equals -lt 1) { continue }
                    $value = $text.Substring($equals + 1).Trim()
                    if ($value -ne '') {
                        [Environment]::SetEnvironmentVariable($text.Substring(0, $equals).Trim(), $value, 'Process')
                    }
                }
                if (-not $env:HANDRAIL_NODE_ID) {
                    throw "handrail-executor.env sets no HANDRAIL_NODE_ID: fill it in from the node's credentials."
                }
                if (-not $env:HANDRAIL_WORKSPACE) { $env:HANDRAIL_WORKSPACE = Join-Path $env:USERPROFILE 'handrail-workspace' }
                New-Item -ItemType Directory -Force -Path $env:HANDRAIL_WORKSPACE | Out-Null
                $java = if ($env:JAVA_HOME) { Join-Path $env:JAVA_HOME 'bin\\java.exe' } else { 'java' }
                $ErrorActionPreference = 'Continue'
                $properties = & $java -XshowSettings:properties -version 2>&1 | ForEach-Object { "$_" }
                $ErrorActionPreference = 'Stop'
                $spec = $properties | Select-String 'java\\.specification\\.version = (\\d+)' | Select-Object -First 1
                if (-not $spec -or [int]$spec.Matches[0].Groups[1].Value -lt 21) {
                    throw "The Handrail executor needs Java 21 or newer; $java is not. Install a JDK 21+ and set JAVA_HOME."
                }
                $logs = Join-Path $here 'logs'
                New-Item -ItemType Directory -Force -Path $logs | Out-Null
                $arguments = @(JVM_OPTIONS, '-cp', ('"' + (Join-Path $here 'lib\\*') + '"'), 'MAIN_CLASS')
                $process = Start-Process -FilePath $java -ArgumentList $arguments -NoNewWindow -Wait -PassThru `
                    -RedirectStandardOutput (Join-Path $logs 'handrail-executor.log') `
                    -RedirectStandardError (Join-Path $logs 'handrail-executor.err.log')
                exit $process.ExitCode
                """.replace(
                        "JVM_OPTIONS",
                        String.join(
                                ", ",
                                ServiceProcess.JVM_OPTIONS.stream()
                                        .map(o -> "'" + o + "'")
                                        .toList()))
                .replace("MAIN_CLASS", mainClass);
    }

    private static String readme(String version) {
        return """
                Handrail executor VERSION

                A Handrail executor node for this machine's desktop. Install (docs/windows-node.md in Handrail):
                1. A JDK 21 or newer (java on PATH, or JAVA_HOME set).
                2. Unpack this folder where its user can read it, e.g. %LOCALAPPDATA%\\Handrail.
                3. Fill in handrail-executor.env from the node's credentials file (./handrail nodes add <node>),
                   unless the package was built with them.
                4. Start handrail-executor.cmd at logon from Task Scheduler or a Startup shortcut, never as a
                   service: it must run in the user's interactive session to drive the desktop.
                Logs: logs\\handrail-executor.log
                """.replace("VERSION", version);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the ACL of the user's home directory
        }
    }
}
