{{/*
Object names are fixed (product, chat, notify, product-config, ...): the services find each other and their
ConfigMaps/Secrets by these names, so install one release per namespace.
*/}}

{{- define "market.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: ddangn-market
app.kubernetes.io/component: {{ .component | default .name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "market.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "market.image" -}}
{{- $override := index .root.Values.image.overrides .image -}}
{{- if $override -}}
{{- $override -}}
{{- else -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end }}

{{- define "market.host" -}}
{{- if .Values.ingress.host -}}
{{- .Values.ingress.host -}}
{{- else -}}
{{- (urlParse .Values.publicUrl).host | splitList ":" | first -}}
{{- end -}}
{{- end }}

{{/* The locked-down container security context every container gets. */}}
{{- define "market.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "market.podSecurityContext" -}}
runAsNonRoot: true
{{- with .runAsUser }}
runAsUser: {{ . }}
{{- end }}
{{- if hasKey . "runAsGroup" }}
runAsGroup: {{ .runAsGroup }}
{{- end }}
{{- if hasKey . "fsGroup" }}
fsGroup: {{ .fsGroup }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* ---------- dependencies: bundled or external, with clear errors when neither ---------- */}}

{{- define "market.pg.host" -}}
{{- $svc := index .root.Values .name -}}
{{- if $svc.database.host -}}
{{- $svc.database.host -}}
{{- else if .root.Values.postgresql.enabled -}}
postgresql
{{- else -}}
{{- required (printf "PostgreSQL for %s: set postgresql.enabled=true (bundled) or postgresql.external.host (external PostgreSQL), or %s.database.host" .name .name) .root.Values.postgresql.external.host -}}
{{- end -}}
{{- end }}

{{- define "market.pg.port" -}}
{{- $svc := index .root.Values .name -}}
{{- if $svc.database.port -}}
{{- $svc.database.port -}}
{{- else if and .root.Values.postgresql.enabled (not $svc.database.host) -}}
5432
{{- else -}}
{{- .root.Values.postgresql.external.port -}}
{{- end -}}
{{- end }}

{{- define "market.pg.jdbcUrl" -}}
{{- $svc := index .root.Values .name -}}
{{- $url := printf "jdbc:postgresql://%s:%s/%s" (include "market.pg.host" .) (include "market.pg.port" .) $svc.database.name -}}
{{- with .root.Values.postgresql.external.jdbcParams -}}
{{- $url = printf "%s?%s" $url . -}}
{{- end -}}
{{- $url -}}
{{- end }}

{{- define "market.redis.hosts" -}}
{{- if .Values.redis.enabled -}}
redis://redis:6379
{{- else -}}
{{- $host := required "Redis for chat and product (rate limits): set redis.enabled=true (bundled) or redis.external.host (external Redis)" .Values.redis.external.host -}}
{{- printf "%s://%s:%v" (ternary "rediss" "redis" .Values.redis.external.tls) $host .Values.redis.external.port -}}
{{- end -}}
{{- end }}

{{- define "market.keycloak.url" -}}
{{- if .Values.keycloak.enabled -}}
http://keycloak:8080/auth
{{- else -}}
{{- required "Keycloak: set keycloak.enabled=true (bundled) or keycloak.external.url (e.g. https://sso.example.com/auth)" .Values.keycloak.external.url | trimSuffix "/" -}}
{{- end -}}
{{- end }}

{{- define "market.s3.endpoint" -}}
{{- if .Values.s3.enabled -}}
http://s3:9090
{{- else -}}
{{- required "S3 for product images: set s3.enabled=true (bundled S3Proxy, trials only) or s3.external.endpoint" .Values.s3.external.endpoint -}}
{{- end -}}
{{- end }}

{{/* Every dependency resolves (or fails with its message) even when no service template reaches it first. */}}
{{- define "market.validate" -}}
{{- range $name := list "product" "chat" "notify" }}
{{- $_ := include "market.pg.host" (dict "root" $ "name" $name) }}
{{- end }}
{{- $_ := include "market.redis.hosts" . }}
{{- $_ := include "market.keycloak.url" . }}
{{- $_ := include "market.s3.endpoint" . }}
{{- if and .Values.notify.fcm.enabled (not .Values.notify.fcm.existingSecret) }}
{{- fail "notify.fcm.enabled=true needs notify.fcm.existingSecret (a Secret holding the Firebase service-account JSON)" }}
{{- end }}
{{- if and .Values.keycloak.enabled (not .Values.postgresql.enabled) (not .Values.postgresql.external.host) }}
{{- fail "bundled Keycloak needs a database: set postgresql.enabled=true or postgresql.external.host" }}
{{- end }}
{{- end }}

{{/* NetworkPolicy peers */}}
{{- define "market.np.pod" -}}
podSelector:
  matchLabels:
    app.kubernetes.io/name: {{ . }}
{{- end }}
{{- define "market.np.controller" -}}
namespaceSelector:
  matchLabels:
    kubernetes.io/metadata.name: {{ .ingressControllerNamespace }}
{{- with .ingressControllerPodLabels }}
podSelector:
  matchLabels:
    {{- toYaml . | nindent 4 }}
{{- end }}
{{- end }}

{{/*
The realm imported by the bundled Keycloak: files/market-realm.json (a copy of local/keycloak/market-realm.json,
the local stack's realm) with the dev-only parts removed unless asked for, the web client's redirect URIs set to
the public URL, and the service clients' secrets taken from values.
*/}}
{{- define "market.realm" -}}
{{- $realm := .Files.Get "files/market-realm.json" | fromJson -}}
{{- $users := list -}}
{{- range $realm.users -}}
{{- if or $.Values.keycloak.realm.demoUsers (hasPrefix "service-account-" .username) -}}
{{- $users = append $users . -}}
{{- end -}}
{{- end -}}
{{- $_ := set $realm "users" $users -}}
{{- $clients := list -}}
{{- range $realm.clients -}}
{{- if or (ne .clientId "market-test") $.Values.keycloak.realm.testClient -}}
{{- if eq .clientId "market-web" -}}
{{- $uris := concat (list (printf "%s/*" (trimSuffix "/" $.Values.publicUrl))) $.Values.keycloak.realm.extraRedirectUris -}}
{{- $_ := set . "redirectUris" $uris -}}
{{- $_ := set . "rootUrl" (trimSuffix "/" $.Values.publicUrl) -}}
{{- $attrs := .attributes | default dict -}}
{{- $_ := set $attrs "post.logout.redirect.uris" (join "##" $uris) -}}
{{- $_ := set . "attributes" $attrs -}}
{{- end -}}
{{- if eq .clientId "product-service" -}}
{{- $_ := set . "secret" $.Values.product.oidcClientSecret -}}
{{- end -}}
{{- if eq .clientId "chat-service" -}}
{{- $_ := set . "secret" $.Values.chat.oidcClientSecret -}}
{{- end -}}
{{- $clients = append $clients . -}}
{{- end -}}
{{- end -}}
{{- $_ := set $realm "clients" $clients -}}
{{- with .Values.keycloak.smtp -}}
{{- if .host -}}
{{- if not .from -}}{{- fail "keycloak.smtp.from is required with keycloak.smtp.host" -}}{{- end -}}
{{- $smtp := dict "host" .host "port" (toString .port) "from" .from "fromDisplayName" .fromDisplayName "ssl" (toString .ssl) "starttls" (toString .starttls) "auth" (toString (not (empty .user))) -}}
{{- if .user -}}
{{- $_ := set $smtp "user" .user -}}
{{- $_ := set $smtp "password" .password -}}
{{- end -}}
{{- $_ := set $realm "smtpServer" $smtp -}}
{{- $_ := set $realm "resetPasswordAllowed" true -}}
{{- end -}}
{{- end -}}
{{- $realm | toPrettyJson -}}
{{- end }}
