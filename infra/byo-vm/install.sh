#!/usr/bin/env bash
# Installs the LoadOps runner agent on a Linux VM with systemd (docs/byo-vm.md).
#
#   sudo ./install.sh --pool lab --runner ./loadops-runner-linux-x64.tar.gz \
#        --queue-namespace myloadops-sb --queue-connection-file ./pool-lab.connection [--memory-max 8G] [--cpu-quota 300%]
#   sudo ./install.sh --pool lab --runner ./loadops-runner-linux-x64.tar.gz --queue-url-file ./pool-lab.url   (Storage queue)
#   ./install.sh --dry-run ...      prints every action and changes nothing
#
# Safe to run again: an existing user, directory or unit is updated in place, and the agent is restarted on the new
# runner. The queue connection string or SAS URL is read from a file (never from the command line) and is never printed.
set -euo pipefail

readonly SERVICE_USER=loadops
readonly INSTALL_DIR=/opt/loadops
readonly CONFIG_DIR=/etc/loadops
readonly ENV_FILE=$CONFIG_DIR/agent.env
readonly UNIT_FILE=/etc/systemd/system/loadops-agent.service
readonly DROPIN_DIR=/etc/systemd/system/loadops-agent.service.d
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

dry_run=false
pool=""
runner=""
runner_sha256=""
queue_namespace=""
queue_name=""
connection_file=""
url_file=""
memory_max="4G"
cpu_quota=""

usage() {
  cat <<'USAGE'
usage: install.sh --pool NAME --runner TARBALL_PATH_OR_HTTPS_URL
                  (--queue-namespace NAMESPACE --queue-connection-file FILE [--queue-name NAME] | --queue-url-file FILE)
                  [--sha256 HEX] [--memory-max SIZE] [--cpu-quota PERCENT] [--dry-run]
  --pool                   runner pool name ([a-z0-9-], as in a definition's "pool/NAME" location)
  --runner                 loadops-runner tarball (linux-x64), a local path or an https:// URL
  --sha256                 expected SHA-256 of the tarball (recommended for URLs)
  --queue-namespace        Service Bus namespace of the pool queues (name or FQDN)
  --queue-name             queue to poll (default: loadops-pool-<pool>)
  --queue-connection-file  file holding the Listen-only connection string of that queue
  --queue-url-file         instead of Service Bus: file holding the pool's Storage queue URL with a SAS
                           granting process and update (sp=pu), e.g. from az storage queue generate-sas
  --memory-max             systemd MemoryMax for the agent (default 4G)
  --cpu-quota              systemd CPUQuota, e.g. 300% (default: no quota)
  --dry-run                print every action without doing it
USAGE
}

fail() { echo "install.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --pool) pool="${2:-}"; shift 2 ;;
    --runner) runner="${2:-}"; shift 2 ;;
    --sha256) runner_sha256="${2:-}"; shift 2 ;;
    --queue-namespace) queue_namespace="${2:-}"; shift 2 ;;
    --queue-name) queue_name="${2:-}"; shift 2 ;;
    --queue-connection-file) connection_file="${2:-}"; shift 2 ;;
    --queue-url-file) url_file="${2:-}"; shift 2 ;;
    --memory-max) memory_max="${2:-}"; shift 2 ;;
    --cpu-quota) cpu_quota="${2:-}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument '$1'" ;;
  esac
done

[[ -n "$pool" ]] || fail "--pool is required (e.g. --pool lab)"
[[ "$pool" =~ ^[a-z0-9][a-z0-9-]{0,50}$ ]] || fail "--pool '$pool' must be lowercase letters, digits and hyphens"
[[ -n "$runner" ]] || fail "--runner is required (path or https:// URL of the loadops-runner tarball)"
if [[ "$runner" == *://* && "$runner" != https://* ]]; then fail "--runner URL must use https://"; fi
if [[ -n "$url_file" ]]; then
  [[ -z "$queue_namespace$connection_file$queue_name" ]] || fail "give --queue-url-file (Storage queue) or --queue-namespace/--queue-connection-file (Service Bus), not both"
  [[ -r "$url_file" ]] || fail "--queue-url-file '$url_file' cannot be read"
else
  [[ -n "$queue_namespace" ]] || fail "--queue-namespace is required (or --queue-url-file for a Storage queue)"
  [[ -n "$connection_file" ]] || fail "--queue-connection-file is required (a file holding the queue's Listen connection string)"
  [[ -r "$connection_file" ]] || fail "--queue-connection-file '$connection_file' cannot be read"
fi
[[ -z "$runner_sha256" || "$runner_sha256" =~ ^[0-9a-fA-F]{64}$ ]] || fail "--sha256 must be 64 hex digits"
[[ "$memory_max" =~ ^[0-9]+[KMGT]?$ ]] || fail "--memory-max '$memory_max' must look like 4G"
[[ -z "$cpu_quota" || "$cpu_quota" =~ ^[0-9]+%$ ]] || fail "--cpu-quota '$cpu_quota' must look like 300%"
queue_name="${queue_name:-loadops-pool-$pool}"
[[ -z "$queue_namespace" || "$queue_namespace" == *.* ]] || queue_namespace="$queue_namespace.servicebus.windows.net"
if [[ "$runner" != https://* && ! -f "$runner" ]]; then fail "--runner '$runner' is not a file"; fi
[[ -f "$SCRIPT_DIR/loadops-agent.service" ]] || fail "loadops-agent.service must sit next to install.sh"
if [[ -n "$url_file" ]]; then
  queue_url="$(tr -d '\r\n' <"$url_file")"
  [[ "$queue_url" == https://* && "$queue_url" == *sig=* ]] || fail "--queue-url-file must hold an https:// queue URL with a SAS (...?sv=...&sp=pu&sig=...)"
  queue_settings="LOADOPS_QUEUE_URL=$queue_url"
else
  connection="$(tr -d '\r\n' <"$connection_file")"
  [[ "$connection" == Endpoint=sb://* ]] || fail "--queue-connection-file must hold a Service Bus connection string (Endpoint=sb://...)"
  queue_settings="LOADOPS_QUEUE_NAMESPACE=$queue_namespace
LOADOPS_QUEUE_NAME=$queue_name
LOADOPS_QUEUE_CONNECTION=$connection"
fi
if ! $dry_run && [[ $EUID -ne 0 ]]; then fail "run as root (sudo), or pass --dry-run to see the plan"; fi

# Every change goes through `act`: printed always, executed unless --dry-run.
act() {
  echo "+ $*"
  if ! $dry_run; then "$@"; fi
}

# write_file PATH MODE OWNER: content on stdin. The content is printed with *_CONNECTION and *_URL values redacted.
write_file() {
  local path="$1" mode="$2" owner="$3" content
  content="$(cat)"
  echo "+ write $path (mode $mode, owner $owner)"
  sed -E 's/^([A-Z_]*(CONNECTION|URL))=.*/\1=<redacted>/; s/^/    | /' <<<"$content"
  if ! $dry_run; then
    local temp
    temp="$(mktemp "$path.XXXXXX")"
    printf '%s\n' "$content" >"$temp"
    chmod "$mode" "$temp"
    chown "$owner" "$temp"
    mv -f "$temp" "$path"
  fi
}

# 1. A dedicated system user without a login shell or home.
if id -u "$SERVICE_USER" >/dev/null 2>&1; then
  echo "= user $SERVICE_USER exists"
else
  act useradd --system --no-create-home --home-dir /var/lib/loadops --shell /usr/sbin/nologin --user-group "$SERVICE_USER"
fi

# 2. The runner, unpacked into a fresh directory and swapped in.
act install -d -m 0755 -o root -g root "$INSTALL_DIR"
tarball="$runner"
if [[ "$runner" == https://* ]]; then
  tarball="$INSTALL_DIR/loadops-runner.download.tar.gz"
  act curl --fail --silent --show-error --location --proto '=https' --output "$tarball" "$runner"
fi
if [[ -n "$runner_sha256" ]]; then
  echo "+ verify sha256 of $tarball"
  if ! $dry_run; then
    echo "$runner_sha256  $tarball" | sha256sum --check --status || fail "sha256 of $tarball does not match --sha256"
  fi
fi
act rm -rf "$INSTALL_DIR/runner.new"
act install -d -m 0755 -o root -g root "$INSTALL_DIR/runner.new"
act tar -xzf "$tarball" -C "$INSTALL_DIR/runner.new" --no-same-owner
if ! $dry_run && [[ ! -x "$INSTALL_DIR/runner.new/loadops-runner" ]]; then
  fail "the tarball has no executable loadops-runner at its top level"
fi
act rm -rf "$INSTALL_DIR/runner.old"
if [[ -d "$INSTALL_DIR/runner" ]]; then act mv "$INSTALL_DIR/runner" "$INSTALL_DIR/runner.old"; fi
act mv "$INSTALL_DIR/runner.new" "$INSTALL_DIR/runner"
if [[ "$runner" == https://* ]]; then act rm -f "$tarball"; fi

# 3. Settings, readable by the agent only.
act install -d -m 0750 -o root -g "$SERVICE_USER" "$CONFIG_DIR"
write_file "$ENV_FILE" 0640 "root:$SERVICE_USER" <<ENV
LOADOPS_POOL=$pool
$queue_settings
DOTNET_CLI_TELEMETRY_OPTOUT=1
ENV

# 4. The systemd unit and this host's limits.
act install -m 0644 -o root -g root "$SCRIPT_DIR/loadops-agent.service" "$UNIT_FILE"
act install -d -m 0755 -o root -g root "$DROPIN_DIR"
write_file "$DROPIN_DIR/limits.conf" 0644 "root:root" <<LIMITS
[Service]
MemoryMax=$memory_max
CPUQuota=$cpu_quota
LIMITS
act systemctl daemon-reload
act systemctl enable loadops-agent.service
act systemctl restart loadops-agent.service
if $dry_run; then echo "dry run: nothing was changed"; exit 0; fi
if [[ -n "$url_file" ]]; then where="its Storage queue"; else where="$queue_name on $queue_namespace"; fi
echo "done: the agent of pool $pool polls $where (journalctl -u loadops-agent -f)"
