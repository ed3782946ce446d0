{{/*
The gateway's route table, shared by the Ingress (ingress.yaml) and the Gateway API HTTPRoute (httproutes.yaml):
files/routes.tsv, a copy of local/routes.tsv (the local nginx reads the same table; a test keeps the copies equal),
grouped by what the answers need: "http" (the SPA and Keycloak, which set their own headers), "api" and
"api-private" (the services; the latter for routes whose cache column is no-store) and "websocket" (long timeouts).
Routes to a backend that is not deployed (Keycloak external and not in the cluster) are left out.
Result (JSON): {"http": [{"prefix", "backend": {"key", "name", "port"}}...], "api": [...], ...}
*/}}
{{- define "market.routes" -}}
{{- $backends := dict
    "product" (dict "key" "product" "name" "product" "port" .Values.serviceDefaults.port)
    "chat" (dict "key" "chat" "name" "chat" "port" .Values.serviceDefaults.port)
    "notify" (dict "key" "notify" "name" "notify" "port" .Values.serviceDefaults.port)
    "frontend" (dict "key" "frontend" "name" "frontend" "port" .Values.frontend.port) }}
{{- if .Values.keycloak.enabled }}
{{- $_ := set $backends "keycloak" (dict "key" "keycloak" "name" "keycloak" "port" 8080) }}
{{- else if .Values.keycloak.external.serviceName }}
{{- $_ := set $backends "keycloak" (dict "key" "keycloak" "name" .Values.keycloak.external.serviceName "port" .Values.keycloak.external.servicePort) }}
{{- end }}
{{- $groups := dict "http" (list) "api" (list) "api-private" (list) "websocket" (list) }}
{{- range $line := .Files.Lines "files/routes.tsv" }}
{{- $line = trim $line }}
{{- if and $line (not (hasPrefix "#" $line)) }}
{{- $f := splitList "\t" $line }}
{{- if ne (len $f) 4 }}{{ fail (printf "files/routes.tsv: expected prefix<TAB>backend<TAB>kind<TAB>cache, got %q" $line) }}{{ end }}
{{- $prefix := index $f 0 }}{{ $backend := index $f 1 }}{{ $kind := index $f 2 }}{{ $cache := index $f 3 }}
{{- if or (hasPrefix "/internal" $prefix) (hasPrefix "/q" $prefix) }}{{ fail (printf "files/routes.tsv: %s must never be routed" $prefix) }}{{ end }}
{{- if hasKey $backends $backend }}
{{- $g := "http" }}
{{- if eq $kind "websocket" }}{{ $g = "websocket" }}
{{- else if and (eq $kind "http") (has $backend (list "product" "chat" "notify")) }}{{ $g = ternary "api-private" "api" (eq $cache "no-store") }}
{{- end }}
{{- $_ := set $groups $g (append (index $groups $g) (dict "prefix" $prefix "backend" (index $backends $backend))) }}
{{- end }}
{{- end }}
{{- end }}
{{- $groups | toJson -}}
{{- end }}

{{/* The security headers the gateway sets on the services' answers (the SPA and Keycloak set their own). */}}
{{- define "market.apiHeaders" -}}
{{- dict
    "X-Content-Type-Options" "nosniff"
    "Referrer-Policy" "strict-origin-when-cross-origin"
    "X-Frame-Options" "DENY"
    "Content-Security-Policy" "default-src 'none'; frame-ancestors 'none'; sandbox" | toJson -}}
{{- end }}
