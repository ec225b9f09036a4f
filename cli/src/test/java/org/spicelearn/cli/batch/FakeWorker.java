package org.spicelearn.cli.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for {@code spicelearn train} in a worker process, for scheduler tests: reads
 * {@code <fake behaviour=".." sleepMillis=".."/>} and {@code <seed>} from the spec and then writes
 * {@code metrics.csv} (test_accuracy = 0.5 + seed/100) and {@code result.xml} (ok, slow), prints an
 * error and exits 1 (fail), kills itself with SIGSEGV (crash), or exits 0 without a result (silent).
 * Like the real worker it halts when its standard input closes.
 */
public final class FakeWorker {
    private FakeWorker() {
    }

    /** {@code FakeWorker SPEC RUNDIR}. */
    public static void main(String[] args) throws Exception {
        BatchWorker.watchParent(System.in);
        String spec = Files.readString(Paths.get(args[0]), StandardCharsets.UTF_8);
        Path dir = Paths.get(args[1]);
        String behaviour = attribute(spec, "behaviour", "ok");
        long sleep = Long.parseLong(attribute(spec, "sleepMillis", "0"));
        Matcher seed = Pattern.compile("<seed>(\\d+)</seed>").matcher(spec);
        int s = seed.find() ? Integer.parseInt(seed.group(1)) : 0;
        System.err.print("epoch 1/1 [====      ]\repoch 1/1 [==========]\n");
        switch (behaviour) {
            case "fail":
                System.err.println("spec.xml: line 3: netlist broken.cir: line 7: unknown element \"qq1\", giving up");
                System.exit(1);
                break;
            case "crash":
                new ProcessBuilder("kill", "-SEGV", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
                Thread.sleep(30_000);
                System.exit(0);
                break;
            case "silent":
                System.exit(0);
                break;
            default:
                Thread.sleep(sleep);
                Files.writeString(dir.resolve("metrics.csv"),
                        "epoch,train_loss,test_accuracy\n1,0.5,0.6\n2,0.25," + (0.5 + s / 100.0) + "\n");
                Path tmp = dir.resolve("result.xml.tmp");
                Files.writeString(tmp, "<result/>\n");
                Files.move(tmp, dir.resolve("result.xml"), StandardCopyOption.ATOMIC_MOVE);
                System.exit(0);
        }
    }

    private static String attribute(String spec, String name, String fallback) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(spec);
        return m.find() ? m.group(1) : fallback;
    }

    /** A launcher that runs this class in a child JVM of the test's class path. */
    static WorkerLauncher launcher() {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return (spec, runDir) -> List.of(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:ErrorFile=" + runDir.resolve("hs_err_pid%p.log"), "-cp", System.getProperty("java.class.path"),
                FakeWorker.class.getName(), spec.toString(), runDir.toString());
    }

    /** A fake run: its spec carries the behaviour, the sleep and the seed. */
    static PlannedRun run(String id, String behaviour, long sleepMillis, int seed) {
        String xml = "<training><fake behaviour=\"" + behaviour + "\" sleepMillis=\"" + sleepMillis + "\"/><seed>"
                + seed + "</seed></training>\n";
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("seed", Integer.toString(seed));
        parameters.put("behaviour", behaviour);
        return new PlannedRun(id, parameters, new PlannedRun.ExpandedSpec(xml));
    }
}
