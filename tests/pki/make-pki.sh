#!/usr/bin/env bash
# Makes the throwaway PKI that the interop and error tests use: real certificates, made with
# the openssl CLI (3.0), never committed. Usage: make-pki.sh OUTDIR
#
# OUTDIR receives, for each certificate NAME: NAME.pem (certificate), NAME.key (private key)
# and, for server leaves, NAME-chain.pem (leaf + issuing intermediate, as a server sends it).
#
#   rsa-root ─ rsa-int ─┬ rsa-leaf          RSA 2048, DNS:localhost IP:127.0.0.1
#                       ├ expired-leaf      valid 2000-01-01 .. 2001-01-01
#                       ├ notyet-leaf       valid 2090-01-01 .. 2091-01-01
#                       ├ wrongname-leaf    DNS:wrong.example only
#                       ├ weakrsa-leaf      RSA 1024
#                       └ sha1-leaf         signed over SHA-1 by rsa-int
#   ec-root ── ec-int ──┬ ec256-leaf        ECDSA P-256, DNS:localhost IP:127.0.0.1
#                       └ ec384-leaf        ECDSA P-384, same names
#   rsa-root ─ path-int1 ─┬ path-int2 ─ path-leaf   two intermediates, for path building
#                         │                         (RSA 2048, DNS:localhost IP:127.0.0.1)
#                         └ path-int2-rekeyed      path-int2's name with another key
#   unknown-root ─ unknown-int ─ unknown-leaf   a CA the client is never given
#   selfsigned-leaf                             self-signed, DNS:localhost IP:127.0.0.1
#
# roots.pem holds rsa-root and ec-root: the trust anchors the tests pass with --ca.
#
# Idempotent: when OUTDIR already holds a complete set made by this same script, and the valid
# leaves stay valid for another day, nothing is redone.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
script_sum=$(sha256sum "$0" | cut -d' ' -f1)

if [[ -f "$out/complete" && "$(cat "$out/complete")" == "$script_sum" ]] &&
   openssl x509 -checkend 86400 -noout -in "$out/rsa-leaf.pem" >/dev/null &&
   openssl x509 -checkend 86400 -noout -in "$out/ec256-leaf.pem" >/dev/null; then
  exit 0
fi

rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# One `openssl ca` workspace serves every issuer: it lets us set notBefore/notAfter freely
# (the expired and not-yet-valid leaves), which `openssl x509 -req` in 3.0 cannot.
touch "$work/index.txt"
cat >"$work/ca.cnf" <<EOF
[ca]
default_ca = test_ca

[test_ca]
database = $work/index.txt
new_certs_dir = $work
rand_serial = yes
unique_subject = no
default_md = sha256
policy = any_name
email_in_dn = no
copy_extensions = none

[any_name]
commonName = supplied
organizationName = optional

[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[intermediate_upper]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[leaf_rsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

[leaf_ec]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

# A leaf for TLS clients only (extendedKeyUsage without serverAuth): a server sending it is refused.
[leaf_client_only]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

# Leaves that do not limit their purposes: no extendedKeyUsage, or anyExtendedKeyUsage.
[leaf_no_eku]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

[leaf_any_purpose]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = anyExtendedKeyUsage
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1

[leaf_wrong_name]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:wrong.example
EOF

# key NAME rsa|p256|p384
key() {
  case $2 in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/$1.key" 2>/dev/null ;;
    rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$out/$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/$1.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$out/$1.key" ;;
  esac
}

# self_signed NAME KEYTYPE EXTENSIONS COMMON_NAME
self_signed() {
  key "$1" "$2"
  openssl req -new -key "$out/$1.key" -subj "/O=tlsscope test/CN=$4" -out "$work/$1.csr"
  openssl ca -batch -notext -preserveDN -config "$work/ca.cnf" -selfsign -keyfile "$out/$1.key" \
    -extensions "$3" -days 3650 -in "$work/$1.csr" -out "$out/$1.pem" 2>/dev/null
}

# issue NAME KEYTYPE ISSUER EXTENSIONS COMMON_NAME [openssl ca validity options]
issue() {
  local name=$1 type=$2 issuer=$3 ext=$4 cn=$5
  shift 5
  local validity=("$@")
  [[ ${#validity[@]} -gt 0 ]] || validity=(-days 825)
  key "$name" "$type"
  openssl req -new -key "$out/$name.key" -subj "/O=tlsscope test/CN=$cn" -out "$work/$name.csr"
  openssl ca -batch -notext -preserveDN -config "$work/ca.cnf" -cert "$out/$issuer.pem" \
    -keyfile "$out/$issuer.key" -extensions "$ext" "${validity[@]}" \
    -in "$work/$name.csr" -out "$out/$name.pem" 2>/dev/null
  if [[ $ext == leaf_* ]]; then
    cat "$out/$name.pem" "$out/$issuer.pem" >"$out/$name-chain.pem"
  fi
}

self_signed rsa-root rsa root "tlsscope test RSA root"
issue rsa-int rsa rsa-root intermediate "tlsscope test RSA intermediate" -days 3650
issue rsa-leaf rsa rsa-int leaf_rsa localhost
issue expired-leaf rsa rsa-int leaf_rsa localhost -startdate 20000101000000Z -enddate 20010101000000Z
issue notyet-leaf rsa rsa-int leaf_rsa localhost -startdate 20900101000000Z -enddate 20910101000000Z
issue wrongname-leaf rsa rsa-int leaf_wrong_name wrong.example
issue weakrsa-leaf rsa1024 rsa-int leaf_rsa localhost
issue sha1-leaf rsa rsa-int leaf_rsa localhost -days 825 -md sha1
issue clientauth-leaf rsa rsa-int leaf_client_only localhost
issue noeku-leaf rsa rsa-int leaf_no_eku localhost
issue anypurpose-leaf rsa rsa-int leaf_any_purpose localhost

self_signed ec-root p256 root "tlsscope test ECDSA root"
issue ec-int p256 ec-root intermediate "tlsscope test ECDSA intermediate" -days 3650
issue ec256-leaf p256 ec-int leaf_ec localhost
issue ec384-leaf p384 ec-int leaf_ec localhost

issue path-int1 rsa rsa-root intermediate_upper "tlsscope test path intermediate 1" -days 3650
issue path-int2 rsa path-int1 intermediate "tlsscope test path intermediate 2" -days 3650
issue path-int2-rekeyed rsa path-int1 intermediate "tlsscope test path intermediate 2" -days 3650
issue path-leaf rsa path-int2 leaf_rsa localhost

self_signed unknown-root rsa root "tlsscope unknown root"
issue unknown-int rsa unknown-root intermediate "tlsscope unknown intermediate" -days 3650
issue unknown-leaf rsa unknown-int leaf_rsa localhost

self_signed selfsigned-leaf rsa leaf_rsa localhost
cp "$out/selfsigned-leaf.pem" "$out/selfsigned-leaf-chain.pem"

cat "$out/rsa-root.pem" "$out/ec-root.pem" >"$out/roots.pem"
echo "$script_sum" >"$out/complete"
