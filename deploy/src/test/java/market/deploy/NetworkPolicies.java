package market.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates rendered NetworkPolicies the way the Kubernetes NetworkPolicy semantics define them, for the pods the
 * release renders plus the ingress controller: a connection src -> dst:port is allowed when dst's ingress side and
 * src's egress side both allow it (a side no policy selects for that direction is open). ipBlock peers are taken to
 * match pods too, as they do for pod IPs in most CNIs, so an over-broad CIDR rule cannot hide behind this test.
 */
final class NetworkPolicies {
    record Pod(String name, String namespace, JsonNode labels, int port) {
    }

    static final String CONTROLLER = "ingress-controller";

    private NetworkPolicies() {
    }

    static TreeSet<String> allowedEdges(List<JsonNode> objects, String namespace, String controllerNamespace,
                                        Map<String, String> controllerLabels) {
        List<Pod> pods = new ArrayList<>();
        for (JsonNode o : objects) {
            if (Workloads.POD_OWNERS.contains(o.path("kind").asText())) {
                JsonNode tmpl = o.path("spec").path("template");
                JsonNode c = tmpl.path("spec").path("containers").get(0);
                int port = c.path("ports").path(0).path("containerPort").asInt();
                pods.add(new Pod(tmpl.path("metadata").path("labels").path("app.kubernetes.io/name").asText(),
                        namespace, tmpl.path("metadata").path("labels"), port));
            }
        }
        ObjectNode cl = JsonNodeFactory.instance.objectNode();
        controllerLabels.forEach(cl::put);
        Pod controller = new Pod(CONTROLLER, controllerNamespace, cl, 0);
        List<JsonNode> policies = Chart.ofKind(objects, "NetworkPolicy");
        TreeSet<String> edges = new TreeSet<>();
        List<Pod> sources = new ArrayList<>(pods);
        sources.add(controller);
        for (Pod src : sources) {
            for (Pod dst : pods) {
                if (src.name().equals(dst.name())) {
                    continue;
                }
                if (allowed(policies, namespace, src, dst, "Ingress") && allowed(policies, namespace, src, dst, "Egress")) {
                    edges.add(src.name() + "->" + dst.name());
                }
            }
        }
        return edges;
    }

    private static boolean allowed(List<JsonNode> policies, String namespace, Pod src, Pod dst, String direction) {
        Pod subject = direction.equals("Ingress") ? dst : src;
        Pod peer = direction.equals("Ingress") ? src : dst;
        if (!subject.namespace().equals(namespace)) {
            return true; // policies of this release do not govern the controller's own namespace
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
                if (portMatches(rule.path("ports"), dst.port()) && peerMatches(rule.path(peersField), peer, namespace)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static boolean portMatches(JsonNode ports, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.has("port") || p.path("port").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode peers, Pod peer, String namespace) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode p : peers) {
            if (p.has("ipBlock")) {
                return true;
            }
            boolean nsOk;
            if (p.has("namespaceSelector")) {
                JsonNode nsLabels = JsonNodeFactory.instance.objectNode().put("kubernetes.io/metadata.name", peer.namespace());
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

    /** A LabelSelector with matchLabels only (what the chart uses); an empty selector selects everything. */
    static boolean matchesSelector(JsonNode selector, JsonNode labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("matchExpressions not supported by this evaluator");
        }
        JsonNode ml = selector.path("matchLabels");
        var it = ml.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
