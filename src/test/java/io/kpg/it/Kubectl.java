package io.kpg.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the installed official kubectl binaries (kubectl.1.NN beside the dispatcher). */
public final class Kubectl {
  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public final String version;
  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(String version, Path kubeconfig) {
    this.version = version;
    this.kubeconfig = kubeconfig;
    this.binary = binDir().resolve("kubectl." + version);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("kubectl " + version + " is not installed at " + binary);
    }
  }

  /** The directory of the real kubectl binaries: where the `kubectl` dispatcher lives. */
  public static Path binDir() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path k = Path.of(dir, "kubectl");
      if (Files.isExecutable(k)) {
        try {
          return k.toRealPath().getParent();
        } catch (IOException e) {
          return k.getParent();
        }
      }
    }
    throw new IllegalStateException("no kubectl on PATH");
  }

  public Result run(String... args) {
    return runWithInput(null, args);
  }

  public Result runWithEnv(java.util.Map<String, String> env, String... args) {
    return exec(null, env, args);
  }

  public Result runWithInput(String stdin, String... args) {
    return exec(stdin, java.util.Map.of(), args);
  }

  private Result exec(String stdin, java.util.Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment()
          .put("KUBECACHEDIR", kubeconfig.getParent().resolve("kubecache-" + version).toString());
      pb.environment().put("HOME", kubeconfig.getParent().toString());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " timed out");
      }
      Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a long-running kubectl (e.g. get -w); output goes to {@code out}. */
  public Process start(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment()
        .put("KUBECACHEDIR", kubeconfig.getParent().resolve("kubecache-" + version).toString());
    pb.environment().put("HOME", kubeconfig.getParent().toString());
    return pb.start();
  }
}
