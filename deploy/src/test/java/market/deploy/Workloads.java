package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules every pod the project ships must follow, whatever rendered it (chart or kustomize). */
final class Workloads {
    static final Set<String> SERVICES = Set.of("product", "chat", "notify");
    static final Set<String> POD_OWNERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private Workloads() {}

    static List<String> check(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            if (!POD_OWNERS.contains(o.path("kind").asText())) {
                continue;
            }
            String id = Chart.id(o);
            JsonNode pod = o.path("spec").path("template").path("spec");
            JsonNode psc = pod.path("securityContext");
            if (!psc.path("runAsNonRoot").asBoolean(false)) {
                problems.add(id + ": pod securityContext.runAsNonRoot must be true");
            }
            if (!"RuntimeDefault".equals(psc.path("seccompProfile").path("type").asText())) {
                problems.add(id + ": pod seccompProfile must be RuntimeDefault");
            }
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode c : containers) {
                String cid = id + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(cid + ": allowPrivilegeEscalation must be false");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(cid + ": readOnlyRootFilesystem must be true");
                }
                if (sc.path("privileged").asBoolean(false)) {
                    problems.add(cid + ": must not be privileged");
                }
                if (!sc.path("runAsNonRoot").asBoolean(psc.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(cid + ": runAsNonRoot must be true");
                }
                JsonNode drop = sc.path("capabilities").path("drop");
                boolean dropsAll = false;
                for (JsonNode d : drop) {
                    dropsAll |= "ALL".equals(d.asText());
                }
                if (!dropsAll || sc.path("capabilities").has("add")) {
                    problems.add(cid + ": capabilities must drop ALL and add none");
                }
                if (!"RuntimeDefault"
                        .equals(sc.path("seccompProfile").path("type").asText("RuntimeDefault"))) {
                    problems.add(cid + ": seccompProfile must be RuntimeDefault");
                }
                JsonNode res = c.path("resources");
                for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    String[] p = field.split("/");
                    if (res.path(p[0]).path(p[1]).isMissingNode()) {
                        problems.add(cid + ": resources." + p[0] + "." + p[1] + " missing");
                    }
                }
                // Kubernetes allows no probes on init containers: they run to completion before the pod starts.
                boolean init = false;
                for (JsonNode ic : pod.path("initContainers")) {
                    init |= ic == c;
                }
                if (!o.path("kind").asText().equals("Job") && !init) {
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        if (!c.has(probe)) {
                            problems.add(cid + ": " + probe + " missing");
                        }
                    }
                }
                boolean tmpWritable = false;
                for (JsonNode m : c.path("volumeMounts")) {
                    JsonNode v = volumes.get(m.path("name").asText());
                    if (v == null && !hasClaimTemplate(o, m.path("name").asText())) {
                        problems.add(cid + ": mounts unknown volume "
                                + m.path("name").asText());
                    }
                    if ("/tmp".equals(m.path("mountPath").asText()) && v != null && v.has("emptyDir")) {
                        tmpWritable = true;
                    }
                }
                if (SERVICES.contains(c.path("name").asText())
                        || "frontend".equals(c.path("name").asText())) {
                    if (!tmpWritable) {
                        problems.add(cid + ": read-only root needs an emptyDir at /tmp");
                    }
                }
            }
        }
        return problems;
    }

    private static boolean hasClaimTemplate(JsonNode owner, String name) {
        for (JsonNode t : owner.path("spec").path("volumeClaimTemplates")) {
            if (name.equals(t.path("metadata").path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The container port a probe or Service targets: a number, or a port name resolved in the container. */
    static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.size() == 0) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
