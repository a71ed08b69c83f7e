#!/usr/bin/env bash
# Without cert-manager: creates a private CA and the webhook's serving certificate with openssl,
# stores them in the Secret kubeward-webhook-tls, and patches the CA into the
# ValidatingWebhookConfiguration. Keys are written to a temp dir that is removed on exit.
#
#   deploy/webhook/gen-certs.sh [namespace] [service]      # needs openssl and kubectl
#
# Re-run it before the certificate expires (365 days); the webhook reloads the new files.
set -euo pipefail
ns=${1:-kubeward}
svc=${2:-kubeward-webhook}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
  -subj "/CN=kubeward-webhook-ca" -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=$svc.$ns.svc" -keyout tls.key -out tls.csr 2>/dev/null
printf 'subjectAltName=DNS:%s.%s.svc,DNS:%s.%s.svc.cluster.local\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' \
  "$svc" "$ns" "$svc" "$ns" >ext.cnf
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
  -extfile ext.cnf -out tls.crt 2>/dev/null
kubectl -n "$ns" create secret tls kubeward-webhook-tls --cert=tls.crt --key=tls.key \
  --dry-run=client -o yaml | kubectl apply -f -
ca=$(base64 <ca.crt | tr -d '\n')
kubectl patch validatingwebhookconfiguration kubeward --type=json \
  -p "[{\"op\":\"add\",\"path\":\"/webhooks/0/clientConfig/caBundle\",\"value\":\"$ca\"}]"
echo "kubeward-webhook-tls created in $ns; caBundle set on ValidatingWebhookConfiguration kubeward"
