package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates rendered NetworkPolicies the way the Kubernetes NetworkPolicy semantics define them: a connection
 * src -> dst:port is allowed when dst's ingress side and src's egress side both allow it (a side no policy selects for
 * that direction is open; pods outside the governed namespace are not governed by these policies).
 * <p>
 * ipBlock peers are evaluated the way Cilium does: a CIDR rule matches only endpoints outside the cluster (the API
 * server of a managed control plane, external databases, FCM), never a pod, whatever its IP. So an in-cluster peer
 * reached through "0.0.0.0/0" is not reachable in this model, as it is not on Cilium. Pod and namespace selectors,
 * in turn, never match an endpoint outside the cluster.
 */
final class NetworkPolicies {
    /** A pod (ip == null) with labels in a namespace, or an endpoint outside the cluster (ip != null). */
    record Endpoint(String name, String namespace, JsonNode labels, List<Integer> ports, String ip) {
        boolean outside() {
            return ip != null;
        }
    }

    static final String CONTROLLER = "ingress-controller";

    private NetworkPolicies() {}

    static Endpoint pod(String name, String namespace, Map<String, String> labels, Integer... ports) {
        ObjectNode l = JsonNodeFactory.instance.objectNode();
        labels.forEach(l::put);
        return new Endpoint(name, namespace, l, List.of(ports), null);
    }

    static Endpoint outside(String name, String ip, Integer... ports) {
        return new Endpoint(name, null, JsonNodeFactory.instance.objectNode(), List.of(ports), ip);
    }

    /** The pods of every workload in the objects (named by app.kubernetes.io/name), with all container ports. */
    static List<Endpoint> workloadPods(List<JsonNode> objects, String namespace) {
        List<Endpoint> pods = new ArrayList<>();
        for (JsonNode o : objects) {
            if (Workloads.POD_OWNERS.contains(o.path("kind").asText())) {
                JsonNode tmpl = o.path("spec").path("template");
                List<Integer> ports = new ArrayList<>();
                tmpl.path("spec")
                        .path("containers")
                        .forEach(c -> c.path("ports")
                                .forEach(p -> ports.add(p.path("containerPort").asInt())));
                pods.add(new Endpoint(
                        tmpl.path("metadata")
                                .path("labels")
                                .path("app.kubernetes.io/name")
                                .asText(),
                        namespace,
                        tmpl.path("metadata").path("labels"),
                        ports,
                        null));
            }
        }
        return pods;
    }

    /** Every allowed "src->dst:port" between the endpoints (sources are pods only). */
    static TreeSet<String> edges(List<JsonNode> objects, String namespace, List<Endpoint> endpoints) {
        List<JsonNode> policies = Chart.ofKind(objects, "NetworkPolicy");
        TreeSet<String> edges = new TreeSet<>();
        for (Endpoint src : endpoints) {
            if (src.outside()) {
                continue;
            }
            for (Endpoint dst : endpoints) {
                if (src.name().equals(dst.name()) || (!governed(src, namespace) && !governed(dst, namespace))) {
                    continue; // no policy of this namespace is involved
                }
                for (int port : dst.ports()) {
                    if (allowed(policies, namespace, src, dst, port, "Ingress")
                            && allowed(policies, namespace, src, dst, port, "Egress")) {
                        edges.add(src.name() + "->" + dst.name() + ":" + port);
                    }
                }
            }
        }
        return edges;
    }

    /** The chart's workload pods plus the ingress controller. */
    static TreeSet<String> allowedEdges(
            List<JsonNode> objects,
            String namespace,
            String controllerNamespace,
            Map<String, String> controllerLabels,
            Endpoint... more) {
        List<Endpoint> endpoints = workloadPods(objects, namespace);
        endpoints.add(pod(CONTROLLER, controllerNamespace, controllerLabels));
        endpoints.addAll(List.of(more));
        return edges(objects, namespace, endpoints);
    }

    private static boolean governed(Endpoint e, String namespace) {
        return !e.outside() && e.namespace().equals(namespace);
    }

    private static boolean allowed(
            List<JsonNode> policies, String namespace, Endpoint src, Endpoint dst, int port, String direction) {
        Endpoint subject = direction.equals("Ingress") ? dst : src;
        Endpoint peer = direction.equals("Ingress") ? src : dst;
        if (!governed(subject, namespace)) {
            return true; // policies of this namespace do not govern other namespaces nor the world outside
        }
        boolean selected = false;
        for (JsonNode p : policies) {
            JsonNode spec = p.path("spec");
            if (!matchesSelector(spec.path("podSelector"), subject.labels())) {
                continue;
            }
            boolean hasDirection = false;
            for (JsonNode t : spec.path("policyTypes")) {
                hasDirection |= direction.equals(t.asText());
            }
            if (!hasDirection) {
                continue;
            }
            selected = true;
            String rulesField = direction.equals("Ingress") ? "ingress" : "egress";
            String peersField = direction.equals("Ingress") ? "from" : "to";
            for (JsonNode rule : spec.path(rulesField)) {
                if (portMatches(rule.path("ports"), port) && peerMatches(rule.path(peersField), peer, namespace)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static boolean portMatches(JsonNode ports, int port) {
        if (ports.isMissingNode() || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.has("port")) {
                return true;
            }
            int from = p.path("port").asInt();
            int to = p.path("endPort").asInt(from);
            if (port >= from && port <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode peers, Endpoint peer, String namespace) {
        if (peers.isMissingNode() || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                // Cilium: CIDR rules select only what is outside the cluster, never a pod
                if (peer.outside() && inBlock(p.path("ipBlock"), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (peer.outside()) {
                continue; // selectors select pods only
            }
            boolean nsOk;
            if (p.has("namespaceSelector")) {
                JsonNode nsLabels =
                        JsonNodeFactory.instance.objectNode().put("kubernetes.io/metadata.name", peer.namespace());
                nsOk = matchesSelector(p.path("namespaceSelector"), nsLabels);
            } else {
                nsOk = peer.namespace().equals(namespace);
            }
            boolean podOk = !p.has("podSelector") || matchesSelector(p.path("podSelector"), peer.labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(JsonNode ipBlock, String ip) {
        if (!inCidr(ipBlock.path("cidr").asText(), ip)) {
            return false;
        }
        for (JsonNode e : ipBlock.path("except")) {
            if (inCidr(e.asText(), ip)) {
                return false;
            }
        }
        return true;
    }

    /** IPv4 only, which is all these tests use. */
    static boolean inCidr(String cidr, String ip) {
        String[] c = cidr.split("/");
        if (c[0].contains(":") || ip.contains(":")) {
            return false;
        }
        int bits = Integer.parseInt(c[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(c[0]) & mask) == (ipv4(ip) & mask);
    }

    private static long ipv4(String ip) {
        long v = 0;
        for (String part : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    /** A LabelSelector (matchLabels and matchExpressions); an empty selector selects everything. */
    static boolean matchesSelector(JsonNode selector, JsonNode labels) {
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String value = labels.path(expr.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + expr);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
