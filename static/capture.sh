#!/bin/sh
# capture.sh: saves what the Azure WireServer and its HostGAPlugin serve this VM, for a VM without Node.
# Needs only a POSIX shell, curl and openssl. Run it as root on the VM:
#
#   curl -fsSLO https://wireserver-spec.example.org/capture.sh && sudo sh capture.sh [OUTPUT_DIR]
#
# It writes OUTPUT_DIR (default ./wireserver-capture-<UTC time>; it must not exist yet), mode 0700:
#   Versions.xml, GoalState.xml and every document the goal state links (HostingEnvironmentConfig.xml,
#   SharedConfig.xml, ExtensionsConfig.xml, FullConfig.xml, Certificates.xml, RemoteAccess.xml),
#   vmSettings.json, vmSettings.headers and HostGAPlugin-versions.txt from HostGAPlugin, ovf-env.xml from
#   the provisioning media when it is mounted, certificates/ (the transport key pair and the decrypted
#   tenant certificates: <THUMBPRINT>.crt and <THUMBPRINT>.prv), manifest (every request: HTTP status,
#   seconds, file, URL), and redacted/: copies of the documents without passwords, custom data,
#   protected settings, SAS signatures or certificate data, ready to attach to an issue.
# Every file is created mode 0600 (umask 077). Private keys never leave OUTPUT_DIR/certificates.
# Check the capture with `npx wireserver validate OUTPUT_DIR` on any machine with Node.
#
# Environment:
#   WIRESERVER=host[:port]   the WireServer (default: DHCP option 245 from the lease files, else 168.63.129.16)
#   HOSTGAPLUGIN_PORT=port   HostGAPlugin's port (default 32526)
#   LEASE_FILES="f1 f2"      the DHCP lease files to read (default: dhclient and systemd-networkd leases)
#   LEASE_NOW='YYYY/MM/DD HH:MM:SS'  the UTC time leases are judged against (default now)
#   OVF_ENV=path             the ovf-env.xml to copy (default: looked for on mounted UDF/ISO media)
#   CAPTURE_TIMEOUT=seconds  per-request time limit (default 30)
# `sh capture.sh --endpoint` prints the endpoint it would use and exits.
# Exit status: 0 captured, 1 the WireServer failed (see manifest), 2 usage or local error.
set -eu
umask 077

CAPTURE_VERSION=1
WIRE_PROTOCOL_VERSION=2012-11-30
HOSTGAPLUGIN_API_VERSION=2015-09-01
AGENT=wireserver-spec-capture/$CAPTURE_VERSION
TIMEOUT=${CAPTURE_TIMEOUT:-30}

die() {
  printf 'capture.sh: %s\n' "$1" >&2
  exit "${2:-2}"
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed; this script needs curl and openssl"
}

# The WireServer address from DHCP option 245, as the reference client reads it: the last unexpired
# lease of a dhclient lease file (`option unknown-245 a8:3f:81:10;`, `expire never;` counts as valid), or
# a systemd-networkd lease (`OPTION_245=a83f8110`). Prints nothing when no lease has it.
lease_address() {
  now=${LEASE_NOW:-$(date -u '+%Y/%m/%d %H:%M:%S')}
  for file in "$@"; do
    [ -r "$file" ] || continue
    hex=$(awk -v now="$now" '
      function hexpair(h) { return h ~ /^[0-9a-fA-F][0-9a-fA-F]?$/ }
      /^[ \t]*lease[ \t]*\{/ { in_lease = 1; option = ""; expired = 0; next }
      in_lease && /^[ \t]*option[ \t]+unknown-245[ \t]/ {
        value = $0; sub(/^[ \t]*option[ \t]+unknown-245[ \t]+/, "", value); sub(/[ \t]*;.*$/, "", value)
        if (split(value, p, ":") == 4 && hexpair(p[1]) && hexpair(p[2]) && hexpair(p[3]) && hexpair(p[4])) option = value
        next
      }
      in_lease && /^[ \t]*expire[ \t]/ {
        if (match($0, /[0-9][0-9][0-9][0-9]\/[0-9][0-9]\/[0-9][0-9][ \t]+[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) {
          when = substr($0, RSTART, RLENGTH); gsub(/[ \t]+/, " ", when); expired = (when <= now)
        }
        next
      }
      in_lease && /^[ \t]*\}/ { in_lease = 0; if (option != "" && !expired) found = option; next }
      /^OPTION_245=[0-9a-fA-F]+[ \t]*$/ {
        v = $0; sub(/^OPTION_245=/, "", v); sub(/[ \t]*$/, "", v)
        if (length(v) == 8) found = substr(v, 1, 2) ":" substr(v, 3, 2) ":" substr(v, 5, 2) ":" substr(v, 7, 2)
      }
      END { print found }' "$file")
    [ -n "$hex" ] || continue
    old_ifs=$IFS
    IFS=:
    # shellcheck disable=SC2086 # split a8:3f:81:10 on the colons
    set -- $hex
    IFS=$old_ifs
    printf '%d.%d.%d.%d %s\n' "0x$1" "0x$2" "0x$3" "0x$4" "$file"
    return 0
  done
}

default_lease_files() {
  for file in /var/lib/dhcp/dhclient*.leases /var/lib/dhclient/dhclient*.leases /run/systemd/netif/leases/*; do
    [ -f "$file" ] && printf '%s\n' "$file"
  done
  return 0
}

discover() {
  if [ -n "${WIRESERVER:-}" ]; then
    HOST=${WIRESERVER%%:*}
    PORT=${WIRESERVER#"$HOST"}
    PORT=${PORT#:}
    SOURCE='WIRESERVER variable'
  else
    # shellcheck disable=SC2046,SC2086 # a list of lease files, split on white space
    found=$(lease_address ${LEASE_FILES:-$(default_lease_files)})
    HOST=${found%% *}
    SOURCE="DHCP option 245 in ${found#* }"
    if [ -z "$HOST" ]; then
      HOST=168.63.129.16
      SOURCE='the well-known address (no DHCP lease with option 245)'
    fi
    PORT=
  fi
  PORT=${PORT:-80}
  HGAP_PORT=${HOSTGAPLUGIN_PORT:-32526}
  case "$HOST:$PORT:$HGAP_PORT" in
    *[!0-9A-Za-z.:-]* | :* | *::*) die "bad endpoint $HOST:$PORT (HostGAPlugin port $HGAP_PORT)" ;;
  esac
  WS=http://$HOST:$PORT
  HGAP=http://$HOST:$HGAP_PORT
}

# Appends one line to the manifest: status, seconds, file, URL (SAS signatures removed).
record() {
  url=$(printf '%s' "$4" | sed -e 's/\([?&;]sig=\)[^&"<> ]*/\1REDACTED/g')
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$url" >>"$OUT/manifest"
}

# fetch FILE URL [curl options...]: GET into $OUT/FILE; a non-200 body is kept as FILE.http<status>.txt.
# Sets STATUS. Never goes through a proxy: the WireServer answers only the VM itself.
fetch() {
  file=$1
  url=$2
  shift 2
  result=$(curl -sS --noproxy '*' --max-time "$TIMEOUT" -A "$AGENT" -o "$OUT/$file" -w '%{http_code} %{time_total}' "$@" "$url") || result="000 ${result#* }"
  STATUS=${result%% *}
  seconds=${result#* }
  if [ "$STATUS" != 200 ] && [ -f "$OUT/$file" ]; then
    mv "$OUT/$file" "$OUT/$file.http$STATUS.txt"
    record "$STATUS" "$seconds" "$file.http$STATUS.txt" "$url"
  else
    record "$STATUS" "$seconds" "$file" "$url"
  fi
}

# The text of the first <NAME> element of a file, with &amp; decoded.
element() {
  sed -n "s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p" "$2" | head -n 1 | sed -e 's/&amp;/\&/g'
}

# Removes secrets from a document, as the validator's --redact does: SAS signatures, protectedSettings,
# *password and customData JSON strings, the <Data> of a CertificateFile, <UserPassword>, <AdminPassword>,
# <Password> and <CustomData> elements, and PEM private keys. Line breaks inside a secret are kept.
redact() {
  final_newline=0
  [ -n "$(tail -c 1 "$1")" ] || final_newline=1
  awk -v final_newline="$final_newline" '
    function keep_lines(secret,   n, out) { out = "REDACTED"; n = gsub(/\n/, "\n", secret); while (n-- > 0) out = out "\n"; return out }
    # Replaces the value that follows each match of re (the kept prefix) up to the first stop character.
    function after(text, re, stop,   out, head, rest, i, c, value) {
      out = ""
      while (match(text, re)) {
        head = substr(text, 1, RSTART + RLENGTH - 1); rest = substr(text, RSTART + RLENGTH)
        for (i = 1; i <= length(rest); i++) { c = substr(rest, i, 1); if (index(stop, c)) break; if (c == "\\") i++ }
        value = substr(rest, 1, i - 1)
        out = out head (value == "" || value == "REDACTED" ? value : keep_lines(value)); text = substr(rest, i)
      }
      return out text
    }
    # Replaces the text between each opening tag matched by open and the next "<".
    function element(text, open,   out, head, rest, i, value) {
      out = ""
      while (match(text, open)) {
        head = substr(text, 1, RSTART + RLENGTH - 1); rest = substr(text, RSTART + RLENGTH)
        i = index(rest, "<"); if (i == 0) i = length(rest) + 1
        value = substr(rest, 1, i - 1)
        out = out head (value ~ /^[ \t\r\n]*$/ || value == "REDACTED" ? value : keep_lines(value)); text = substr(rest, i)
      }
      return out text
    }
    function pem_keys(text,   out, head, rest, i, value) {
      out = ""
      while (match(text, /-----BEGIN [A-Z ]*PRIVATE KEY-----/)) {
        head = substr(text, 1, RSTART + RLENGTH - 1); rest = substr(text, RSTART + RLENGTH)
        i = index(rest, "-----END "); if (i == 0) i = length(rest) + 1
        value = substr(rest, 1, i - 1)
        out = out head (value == "REDACTED" ? value : keep_lines(value)); text = substr(rest, i)
      }
      return out text
    }
    { doc = doc (NR > 1 ? "\n" : "") $0 }
    END {
      doc = after(doc, "[?&;]sig=", "&\"'"'"'<> \t\r\n")
      q = "(\"|&quot;)"
      doc = after(doc, q "(protectedSettings|[A-Za-z0-9_]*[Pp]assword|customData)" q "[ \t\r\n]*:[ \t\r\n]*" q, "\"&")
      if (doc ~ /<([A-Za-z0-9_.-]+:)?CertificateFile[ \t\r\n>]/) doc = element(doc, "<([A-Za-z0-9_.-]+:)?Data([ \t\r\n][^>]*)?>")
      doc = element(doc, "<([A-Za-z0-9_.-]+:)?(UserPassword|AdminPassword|Password|CustomData)([ \t\r\n][^>]*)?>")
      doc = pem_keys(doc)
      printf "%s%s", doc, (final_newline && NR > 0 ? "\n" : "")
    }' "$1"
}

# The ovf-env.xml of the provisioning media: $OVF_ENV, else the first mounted UDF or ISO 9660 file
# system (or WALinuxAgent's /mnt/cdrom/secure) that has one. Mounts nothing.
find_ovf_env() {
  if [ -n "${OVF_ENV:-}" ]; then
    printf '%s\n' "$OVF_ENV"
    return 0
  fi
  {
    printf '/mnt/cdrom/secure\n'
    [ -r /proc/mounts ] && awk '$3 == "udf" || $3 == "iso9660" { print $2 }' /proc/mounts
  } | while read -r dir; do
    if [ -f "$dir/ovf-env.xml" ]; then
      printf '%s\n' "$dir/ovf-env.xml"
      break
    fi
  done
}

# The thumbprint of a certificate as Azure writes it: upper-case SHA-1 hex without colons.
thumbprint() {
  openssl x509 -in "$1" -noout -fingerprint -sha1 | sed -e 's/.*=//' -e 's/://g' | tr 'abcdef' 'ABCDEF'
}

# Decrypts Certificates.xml with the transport key into certificates/<THUMBPRINT>.crt and .prv.
decrypt_certificates() {
  dir=$OUT/certificates
  awk '/<Data>/ { on = 1 } on { print } /<\/Data>/ { exit }' "$OUT/Certificates.xml" |
    sed -e 's/.*<Data>//' -e 's:</Data>.*::' | tr -d ' \t\r\n' >"$dir/Certificates.p7m.b64"
  openssl base64 -d -A -in "$dir/Certificates.p7m.b64" -out "$dir/Certificates.p7m"
  rm -f "$dir/Certificates.p7m.b64"
  openssl cms -decrypt -inform DER -in "$dir/Certificates.p7m" -inkey "$dir/TransportPrivate.pem" -out "$dir/Certificates.pfx" ||
    die 'cannot decrypt Certificates.xml with the transport key' 1
  openssl pkcs12 -in "$dir/Certificates.pfx" -nodes -passin pass: -out "$dir/Certificates.pem" 2>/dev/null ||
    openssl pkcs12 -legacy -in "$dir/Certificates.pfx" -nodes -passin pass: -out "$dir/Certificates.pem" ||
    die 'cannot read the PKCS#12 inside Certificates.xml' 1
  # One file per PEM block: certificates/block.N.crt or block.N.key.
  awk -v dir="$dir" '
    /^-----BEGIN / { n++; kind = ($0 ~ /PRIVATE KEY/) ? "key" : "crt"; file = dir "/block." n "." kind }
    file != "" { print > file }
    /^-----END / { close(file); file = "" }' "$dir/Certificates.pem"
  for cert in "$dir"/block.*.crt; do
    [ -f "$cert" ] || continue
    thumb=$(thumbprint "$cert")
    mv "$cert" "$dir/$thumb.crt"
    public=$(openssl x509 -in "$dir/$thumb.crt" -noout -pubkey)
    for key in "$dir"/block.*.key; do
      [ -f "$key" ] || continue
      if [ "$(openssl pkey -in "$key" -pubout)" = "$public" ]; then
        mv "$key" "$dir/$thumb.prv"
        break
      fi
    done
    printf '%s\n' "$thumb"
  done >"$dir/thumbprints"
  rm -f "$dir"/block.*.key
}

if [ "${1:-}" = --endpoint ]; then
  discover
  printf '%s:%s (HostGAPlugin port %s; from %s)\n' "$HOST" "$PORT" "$HGAP_PORT" "$SOURCE"
  exit 0
fi
case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -eu$/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  -*) die "unknown option $1 (see --help)" ;;
esac
[ $# -le 1 ] || die 'usage: sh capture.sh [OUTPUT_DIR]'
need curl
need openssl
discover
OUT=${1:-wireserver-capture-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir "$OUT" 2>/dev/null || die "$OUT: cannot create it (it must not exist yet)"
mkdir "$OUT/certificates" "$OUT/redacted"
{
  printf '# wireserver-spec capture.sh %s, %s\n' "$CAPTURE_VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '# WireServer %s:%s from %s; HostGAPlugin port %s\n' "$HOST" "$PORT" "$SOURCE" "$HGAP_PORT"
  printf '# status\tseconds\tfile\turl\n'
} >"$OUT/manifest"

fetch Versions.xml "$WS/?comp=versions"
[ "$STATUS" = 200 ] || die "no answer from the WireServer at $WS (HTTP $STATUS); see $OUT/manifest" 1

fetch GoalState.xml "$WS/machine/?comp=goalstate" -H "x-ms-agent-name: $AGENT" -H "x-ms-version: $WIRE_PROTOCOL_VERSION"
[ "$STATUS" = 200 ] || die "the goal state failed (HTTP $STATUS); see $OUT/manifest" 1
GS=$OUT/GoalState.xml

for name in HostingEnvironmentConfig SharedConfig ExtensionsConfig FullConfig; do
  url=$(element "$name" "$GS")
  [ -n "$url" ] || continue
  fetch "$name.xml" "$url" -H "x-ms-agent-name: $AGENT" -H "x-ms-version: $WIRE_PROTOCOL_VERSION"
done

certs=$(element Certificates "$GS")
remote=$(element RemoteAccessInfo "$GS")
if [ -n "$certs" ] || [ -n "$remote" ]; then
  # The transport key pair: the WireServer encrypts certificates and JIT passwords for its certificate.
  openssl req -x509 -nodes -newkey rsa:2048 -days 730 -subj /CN=LinuxTransport \
    -keyout "$OUT/certificates/TransportPrivate.pem" -out "$OUT/certificates/TransportCert.pem" 2>/dev/null ||
    die 'openssl cannot make the transport key pair'
  transport=$(openssl x509 -in "$OUT/certificates/TransportCert.pem" -outform DER | openssl base64 -A)
  cipher=AES128_CBC
  for pair in "Certificates.xml $certs" "RemoteAccess.xml $remote"; do
    file=${pair%% *}
    url=${pair#* }
    [ -n "$url" ] || continue
    fetch "$file" "$url" -H "x-ms-agent-name: $AGENT" -H "x-ms-version: $WIRE_PROTOCOL_VERSION" \
      -H "x-ms-cipher-name: $cipher" -H "x-ms-guest-agent-public-x509-cert: $transport"
    if [ "$STATUS" = 400 ]; then
      # Older hosts know only Triple DES.
      cipher=DES_EDE3_CBC
      fetch "$file" "$url" -H "x-ms-agent-name: $AGENT" -H "x-ms-version: $WIRE_PROTOCOL_VERSION" \
        -H "x-ms-cipher-name: $cipher" -H "x-ms-guest-agent-public-x509-cert: $transport"
    fi
  done
  [ ! -f "$OUT/Certificates.xml" ] || decrypt_certificates
fi

container=$(element ContainerId "$GS")
config_name=$(element ConfigName "$GS")
fetch HostGAPlugin-versions.txt "$HGAP/versions" -H "x-ms-containerid: $container"
correlation=$(openssl rand -hex 16 | sed 's/^\(.\{8\}\)\(.\{4\}\)\(.\{4\}\)\(.\{4\}\)/\1-\2-\3-\4-/')
fetch vmSettings.json "$HGAP/vmSettings" -D "$OUT/vmSettings.headers" -H "x-ms-version: $HOSTGAPLUGIN_API_VERSION" \
  -H "x-ms-containerid: $container" -H "x-ms-host-config-name: $config_name" -H "x-ms-client-correlationid: $correlation"

ovf=$(find_ovf_env)
if [ -n "$ovf" ]; then
  cp "$ovf" "$OUT/ovf-env.xml" || die "$ovf: cannot copy it"
  record local 0 ovf-env.xml "file://$ovf"
fi

for doc in "$OUT"/*.xml "$OUT"/*.json; do
  [ -f "$doc" ] || continue
  redact "$doc" >"$OUT/redacted/${doc##*/}"
done

failed=$(awk -F '\t' '!/^#/ && $1 != 200 && $1 != "local" { n++ } END { print n + 0 }' "$OUT/manifest")
printf 'capture.sh: wrote %s (%s request(s) failed; see %s/manifest)\n' "$OUT" "$failed" "$OUT"
printf 'capture.sh: attach %s/redacted to an issue; %s/certificates and the other files hold secrets\n' "$OUT" "$OUT"
[ "$failed" = 0 ] || exit 1
