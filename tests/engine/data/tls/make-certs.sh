#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the TLS test certificates (tests only; docs/REMOTE.md says why they are committed).
# Every key here is public: never trust ca.pem outside the tests.
#   ca.pem / ca.key          "Sagascope Test CA", valid 9000 days from generation
#   server.pem               127.0.0.1 and localhost, signed by the CA, 2026 to 2051
#   expired.pem              127.0.0.1, signed by the CA, valid 2020-01-01 to 2020-01-02 only
#   wronghost.pem            wrong.example only, signed by the CA, 2026 to 2051
#   server.key               the key of the three server certificates
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl ecparam -name prime256v1 -genkey -noout -out server.key
openssl req -x509 -new -key ca.key -sha256 -days 9000 -subj "/O=Sagascope tests/CN=Sagascope Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
sign() { # name subject-alt-names [ca options...]
    name=$1 san=$2
    shift 2
    openssl req -new -key server.key -subj "/O=Sagascope tests/CN=$name" -out "$work/$name.csr"
    cat > "$work/ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san
EXT
    : > "$work/index.txt"
    cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
organizationName = optional
commonName = supplied
CNF
    openssl rand -hex 16 > "$work/serial"
    openssl ca -batch -notext -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -extfile "$work/ext" \
        -in "$work/$name.csr" -out "$name.pem" "$@" 2>/dev/null
}
sign server "IP:127.0.0.1,DNS:localhost" -startdate 20260101000000Z -enddate 20510101000000Z
sign expired "IP:127.0.0.1,DNS:localhost" -startdate 20200101000000Z -enddate 20200102000000Z
sign wronghost "DNS:wrong.example" -startdate 20260101000000Z -enddate 20510101000000Z
ls -l
