{{/*
NetworkPolicy peers for dependencies that run in the cluster but not in this release (e.g. CloudNativePG clusters,
the Keycloak Operator's instances): selected by pod labels (and namespace), never by CIDR - CNIs such as Cilium
do not match pods they manage against ipBlock rules. Input: dict "podSelector" (labels) "namespace" ("" = the
release's namespace).
*/}}
{{- define "market.np.selectorPeer" -}}
podSelector:
  matchLabels:
    {{- toYaml .podSelector | nindent 4 }}
{{- with .namespace }}
namespaceSelector:
  matchLabels:
    kubernetes.io/metadata.name: {{ . }}
{{- end }}
{{- end }}

{{/* The port of an http(s) URL: explicit, else 443 for https and 80 for http. */}}
{{- define "market.urlPort" -}}
{{- $u := urlParse . -}}
{{- $hp := splitList ":" $u.host -}}
{{- if gt (len $hp) 1 -}}
{{- last $hp -}}
{{- else -}}
{{- ternary "443" "80" (eq $u.scheme "https") -}}
{{- end -}}
{{- end }}

{{/*
Where a service (or Keycloak) reaches one dependency: {"kind": "bundled"|"selector"|"cidr", "port": N,
"podSelector": {...}, "namespace": "..."}, as JSON. Input: dict "root" "name" (product|chat|notify|keycloak) "dep".
*/}}
{{- define "market.np.dependency" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $t := dict "kind" "cidr" "port" 0 "podSelector" (dict) "namespace" "" -}}
{{- if eq .dep "postgresql" -}}
  {{- $svc := index $v .name -}}
  {{- $host := "" -}}
  {{- if ne .name "keycloak" }}{{ $host = $svc.database.host }}{{ end -}}
  {{- if $host -}}
    {{- $_ := set $t "port" (int (include "market.pg.port" (dict "root" $root "name" .name))) -}}
    {{- $_ := set $t "podSelector" ($svc.database.podSelector | default dict) -}}
    {{- $_ := set $t "namespace" $svc.database.namespace -}}
  {{- else if $v.postgresql.enabled -}}
    {{- $_ := set $t "kind" "bundled" -}}
    {{- $_ := set $t "port" 5432 -}}
  {{- else -}}
    {{- $_ := set $t "port" (int $v.postgresql.external.port) -}}
    {{- $_ := set $t "podSelector" ($v.postgresql.external.podSelector | default dict) -}}
    {{- $_ := set $t "namespace" $v.postgresql.external.namespace -}}
  {{- end -}}
{{- else if has .dep (list "product" "chat" "notify") -}}
  {{- $_ := set $t "kind" "bundled" -}}
  {{- $_ := set $t "port" (int $v.serviceDefaults.port) -}}
{{- else -}}
  {{- $cfg := index $v .dep -}}
  {{- if $cfg.enabled -}}
    {{- $_ := set $t "kind" "bundled" -}}
    {{- $_ := set $t "port" (get (dict "redis" 6379 "s3" 9090 "keycloak" 8080) .dep) -}}
  {{- else -}}
    {{- $_ := set $t "podSelector" ($cfg.external.podSelector | default dict) -}}
    {{- $_ := set $t "namespace" $cfg.external.namespace -}}
    {{- if eq .dep "redis" }}{{ $_ := set $t "port" (int $cfg.external.port) }}{{ end -}}
    {{- if eq .dep "s3" }}{{ $_ := set $t "port" (int (include "market.urlPort" $cfg.external.endpoint)) }}{{ end -}}
    {{- if eq .dep "keycloak" }}{{ $_ := set $t "port" (int (include "market.urlPort" $cfg.external.url)) }}{{ end -}}
  {{- end -}}
{{- end -}}
{{- if and (eq $t.kind "cidr") $t.podSelector -}}
  {{- $_ := set $t "kind" "selector" -}}
{{- end -}}
{{- $t | toJson -}}
{{- end }}

{{/*
The Gateway API data plane, allowed in like the ingress controller (a "from" list entry, or nothing).
Input: the root context.
*/}}
{{- define "market.np.gatewayPeer" -}}
{{- $np := .Values.networkPolicy -}}
{{- if .Values.gatewayApi.enabled -}}
{{- include "market.gatewayApi.check" . -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ required "gatewayApi.enabled with networkPolicy.enabled needs networkPolicy.gatewayNamespace (where the Gateway's proxy pods run)" $np.gatewayNamespace }}
  {{- with $np.gatewayPodLabels }}
  podSelector:
    matchLabels:
      {{- toYaml . | nindent 6 }}
  {{- end }}
{{- end -}}
{{- end }}

{{/* gatewayApi.enabled needs a Gateway to attach to. */}}
{{- define "market.gatewayApi.check" -}}
{{- if and .Values.gatewayApi.enabled (not .Values.gatewayApi.parentRefs) -}}
{{- fail "gatewayApi.enabled=true needs gatewayApi.parentRefs (the Gateway to attach the HTTPRoute to, e.g. [{name: public, namespace: gateway-system}])" -}}
{{- end -}}
{{- end }}
