#!/usr/bin/env bash
# Prepare the local services the test suite needs on a Debian 12 (bookworm) machine:
#   1. local PostgreSQL running on 127.0.0.1:5432
#   2. the pgvector extension (built from Debian 13 "trixie" source, since bookworm
#      has no pgvector package for the distro PostgreSQL)
#   3. database `mnemo_test` with the `vector` and `pg_trgm` extensions
#   4. Debian's chromium package
#
# Idempotent: every step checks first and prints what it skipped, so a second run
# takes a few seconds. Must run as root (apt-get, make install, pg_ctlcluster).
set -Eeuo pipefail

PGHOST_ADDR=127.0.0.1
PGPORT_NUM=5432
PGSUPERUSER=postgres
TEST_DB=mnemo_test
NEWER_SUITE=trixie                       # Debian release whose source package we build
TRIXIE_SRC_FILE=/etc/apt/sources.list.d/${NEWER_SUITE}-src-pgvector.sources
DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# Set CHROMIUM_RECOMMENDS=1 to install chromium with apt's Recommends (pulls in
# systemd, avahi, cups helpers, ... ~100 extra packages that headless tests don't need).
CHROMIUM_RECOMMENDS=${CHROMIUM_RECOMMENDS:-0}

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300)

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
BUILD_DIR=""
on_exit() {
  local rc=$?
  [ -z "$BUILD_DIR" ] || rm -rf "$BUILD_DIR"
  [ "$rc" -eq 0 ] || printf '[setup] FAILED (exit %s)\n' "$rc" >&2
}
trap on_exit EXIT
trap 'printf "[setup] command failed (line %s): %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

SCRIPT_START=$(date +%s)
STEP_START=0
step_begin() { STEP_START=$(date +%s); log "$*"; }
step_end() { log "$* (took $(( $(date +%s) - STEP_START ))s)"; }

[ "$(id -u)" -eq 0 ] || die "must run as root (needs apt-get, make install, pg_ctlcluster)"
for cmd in pg_isready psql pg_lsclusters pg_ctlcluster apt-get; do
  command -v "$cmd" >/dev/null 2>&1 || die "required command '$cmd' not found (is PostgreSQL installed?)"
done

psql_su() { psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGSUPERUSER" -X -v ON_ERROR_STOP=1 -At "$@"; }

# ---------------------------------------------------------------- apt helpers
APT_UPDATED=0
apt_update() {
  local t0; t0=$(date +%s)
  log "apt-get update ..."
  local out
  if ! out=$(apt-get -q -o DPkg::Lock::Timeout=300 update 2>&1); then
    printf '%s\n' "$out" >&2
    die "apt-get update failed"
  fi
  # apt-get update exits 0 on some fetch/signature problems; surface them.
  if grep -E '^(W|E|Err):' <<<"$out" >&2; then
    log "apt-get update reported the warnings/errors above"
  fi
  APT_UPDATED=1
  log "apt-get update done ($(( $(date +%s) - t0 ))s)"
}

# True if every given package has an install candidate in the current apt lists.
apt_has_candidates() {
  local p cand
  for p in "$@"; do
    cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
    [ -n "$cand" ] && [ "$cand" != "(none)" ] || return 1
  done
}

# apt-get install of the given packages that are not installed yet (already
# installed ones are left alone, not upgraded). Runs apt-get update first only if
# needed (no candidate in the lists) or after a failed attempt with stale lists.
# apt/dpkg output goes to $APT_LOG and is shown only on failure.
APT_LOG=/tmp/setup-test-services.apt.log
apt_install() {
  local opts=() pkgs=() a
  for a in "$@"; do
    if [[ "$a" == -* ]]; then opts+=("$a")
    elif [ "$(dpkg-query -W -f='${Status}' "$a" 2>/dev/null)" != "install ok installed" ]; then pkgs+=("$a")
    fi
  done
  if [ "${#pkgs[@]}" -eq 0 ]; then
    log "skip: already installed: $*"
    return 0
  fi
  if [ "$APT_UPDATED" -eq 0 ] && ! apt_has_candidates "${pkgs[@]}"; then
    apt_update
  fi
  local t0; t0=$(date +%s)
  log "apt-get install ${opts[*]:+${opts[*]} }${pkgs[*]} (log: $APT_LOG)"
  if ! apt-get install "${APT_OPTS[@]}" "${opts[@]}" "${pkgs[@]}" >>"$APT_LOG" 2>&1; then
    if [ "$APT_UPDATED" -eq 1 ]; then tail -n 30 "$APT_LOG" >&2; die "apt-get install ${pkgs[*]} failed"; fi
    log "apt-get install failed; refreshing package lists and retrying"
    apt_update
    apt-get install "${APT_OPTS[@]}" "${opts[@]}" "${pkgs[@]}" >>"$APT_LOG" 2>&1 \
      || { tail -n 30 "$APT_LOG" >&2; die "apt-get install ${pkgs[*]} failed"; }
  fi
  log "installed ${pkgs[*]} ($(( $(date +%s) - t0 ))s)"
}

# Print the first http(s)/ftp mirror URI of the machine's apt sources that serves
# the given suite (e.g. "bookworm"); handles one-line *.list and deb822 *.sources.
apt_mirror_for_suite() {
  local suite=$1 f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$suite" '
      /^[[:space:]]*#/ { next }
      $1 == "deb" || $1 == "deb-src" {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }   # skip [ options ]
        if ($(i + 1) == s && $i ~ /^(https?|ftp):\/\//) { print $i; exit }
      }' "$f")
    [ -z "$uri" ] || { printf '%s\n' "${uri%/}"; return 0; }
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$suite" '
      function flush(  n, a, b, i, ok) {
        if (!done && enabled && uris != "") {
          ok = 0; n = split(suites, b, /[[:space:]]+/)
          for (i = 1; i <= n; i++) if (b[i] == s) ok = 1
          if (ok) {
            n = split(uris, a, /[[:space:]]+/)
            for (i = 1; i <= n; i++) if (a[i] ~ /^(https?|ftp):\/\//) { print a[i]; done = 1; break }
          }
        }
        uris = ""; suites = ""; enabled = 1; last = ""
      }
      BEGIN { enabled = 1 }
      /^#/ { next }                                   # deb822 comments start in column 1
      /^[[:space:]]*$/ { flush(); next }              # blank line ends a stanza
      /^[[:space:]]/ {                                # continuation of a multi-line field
        if (last == "uris") uris = uris " " $0
        else if (last == "suites") suites = suites " " $0
        next
      }
      {
        key = tolower($0); sub(/:.*/, "", key)
        val = $0; sub(/^[^:]*:[[:space:]]*/, "", val)
        last = key
        if (key == "uris") uris = val
        else if (key == "suites") suites = val
        else if (key == "enabled") enabled = (tolower(val) !~ /^no/)
      }
      END { flush() }' "$f")
    [ -z "$uri" ] || { printf '%s\n' "${uri%/}"; return 0; }
  done
  return 1
}

# ---------------------------------------------------------------- 1. PostgreSQL
step_begin "1/4 PostgreSQL on $PGHOST_ADDR:$PGPORT_NUM"
# Cluster serving port 5432 per pg_lsclusters (columns: ver cluster port status ...).
read -r PG_MAJOR PG_CLUSTER < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT_NUM" '$3 == p {print $1, $2; exit}') || true
if [ -z "${PG_MAJOR:-}" ]; then
  # Fall back to the newest version directory in /etc/postgresql.
  PG_MAJOR=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
  PG_CLUSTER=main
fi
[ -n "${PG_MAJOR:-}" ] || die "no PostgreSQL cluster found (pg_lsclusters / /etc/postgresql are empty)"

if pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; then
  log "skip: PostgreSQL already accepting connections"
else
  log "starting cluster $PG_MAJOR/$PG_CLUSTER"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$PG_CLUSTER" start \
    || die "pg_ctlcluster $PG_MAJOR $PG_CLUSTER start failed (see /var/log/postgresql/postgresql-$PG_MAJOR-$PG_CLUSTER.log)"
  for _ in $(seq 1 60); do
    pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" && break
    sleep 0.5
  done
  pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" || die "PostgreSQL did not become ready within 30s"
fi
# The running server is authoritative for the major version (pg_config must match it).
SERVER_MAJOR=$(psql_su -d postgres -c "select current_setting('server_version_num')::int / 10000") \
  || die "cannot connect as $PGSUPERUSER to $PGHOST_ADDR:$PGPORT_NUM (trust auth expected)"
if [ "$SERVER_MAJOR" != "$PG_MAJOR" ]; then
  log "note: server reports major $SERVER_MAJOR (cluster listing said $PG_MAJOR); using $SERVER_MAJOR"
  PG_MAJOR=$SERVER_MAJOR
fi
step_end "PostgreSQL $PG_MAJOR ready"

# ---------------------------------------------------------------- 2. pgvector
vector_available() {
  [ "$(psql_su -d postgres -c "select 1 from pg_available_extensions where name = 'vector'")" = 1 ]
}

step_begin "2/4 pgvector extension"
if vector_available; then
  log "skip: 'vector' extension already available to the server"
else
  PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev
  [ -x "$PG_CONFIG" ] || die "$PG_CONFIG not found after installing postgresql-server-dev-$PG_MAJOR"

  # deb-src entry for trixie (sources only: no trixie binaries can be installed).
  MIRROR=$(apt_mirror_for_suite "$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")") \
    || die "could not derive a Debian mirror URI from /etc/apt/sources.list{,.d/*.list,.d/*.sources}"
  log "using mirror $MIRROR (derived from existing apt sources)"
  # bookworm's debian-archive-keyring gained the trixie keys in a stable update;
  # make sure we have them so the trixie Release file verifies (no verification bypass).
  if [ ! -e /usr/share/keyrings/debian-archive-$NEWER_SUITE-automatic.gpg ]; then
    log "trixie archive keys missing; upgrading debian-archive-keyring"
    apt_install debian-archive-keyring
  fi
  [ -e "$DEBIAN_KEYRING" ] || die "$DEBIAN_KEYRING missing (install debian-archive-keyring)"
  WANT_SRC=$(cat <<EOF
# Managed by scripts/setup-test-services.sh: Debian $NEWER_SUITE *source* packages only
# (Types: deb-src), used to build pgvector for the local PostgreSQL $PG_MAJOR.
Types: deb-src
URIs: $MIRROR
Suites: $NEWER_SUITE
Components: main
Signed-By: $DEBIAN_KEYRING
EOF
)
  if [ -f "$TRIXIE_SRC_FILE" ] && [ "$(cat "$TRIXIE_SRC_FILE")" = "$WANT_SRC" ]; then
    log "skip: $TRIXIE_SRC_FILE already configured"
  else
    log "writing $TRIXIE_SRC_FILE"
    printf '%s\n' "$WANT_SRC" >"$TRIXIE_SRC_FILE"
    rm -f /var/lib/apt/lists/*_dists_${NEWER_SUITE}_*   # force a fresh index for the new entry
  fi
  if compgen -G "/var/lib/apt/lists/*_dists_${NEWER_SUITE}_main_source_Sources*" >/dev/null; then
    log "skip: $NEWER_SUITE source index already present"
  else
    apt_update
    compgen -G "/var/lib/apt/lists/*_dists_${NEWER_SUITE}_main_source_Sources*" >/dev/null \
      || die "apt-get update did not fetch the $NEWER_SUITE source index (signature or network problem, see above)"
  fi

  BUILD_DIR=$(mktemp -d /tmp/pgvector-build.XXXXXX)   # removed by on_exit
  t0=$(date +%s)
  log "downloading pgvector source from $NEWER_SUITE into $BUILD_DIR"
  # APT::Sandbox::User=root: the temp dir is root-only, so don't drop to the _apt user.
  ( cd "$BUILD_DIR" && apt-get -q -o APT::Sandbox::User=root source --download-only "pgvector/$NEWER_SUITE" ) >>"$APT_LOG" 2>&1 \
    || { tail -n 30 "$APT_LOG" >&2; die "apt-get source pgvector/$NEWER_SUITE failed"; }
  DSC=$(ls "$BUILD_DIR"/pgvector_*.dsc 2>/dev/null | head -n1)
  [ -n "$DSC" ] || die "no pgvector .dsc downloaded"
  # apt already verified the files against the signed Sources index.
  ( cd "$BUILD_DIR" && dpkg-source --no-check -x "$DSC" src >/dev/null ) || die "dpkg-source -x $DSC failed"
  log "pgvector source $(basename "$DSC" .dsc) ready ($(( $(date +%s) - t0 ))s)"

  t0=$(date +%s)
  log "building pgvector against $PG_CONFIG"
  # OPTFLAGS="" : no -march=native, so the build also works if the image moves to another CPU.
  make -C "$BUILD_DIR/src" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >"$BUILD_DIR/build.log" 2>&1 \
    || { tail -n 40 "$BUILD_DIR/build.log" >&2; die "pgvector build failed"; }
  make -C "$BUILD_DIR/src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >>"$BUILD_DIR/build.log" 2>&1 \
    || { tail -n 40 "$BUILD_DIR/build.log" >&2; die "pgvector install failed"; }
  log "pgvector built and installed ($(( $(date +%s) - t0 ))s)"
  rm -rf "$BUILD_DIR"; BUILD_DIR=""
  vector_available || die "pgvector installed but 'vector' is still not in pg_available_extensions"
fi
step_end "pgvector available"

# ---------------------------------------------------------------- 3. test database
step_begin "3/4 database $TEST_DB"
if [ "$(psql_su -d postgres -c "select 1 from pg_database where datname = '$TEST_DB'")" = 1 ]; then
  log "skip: database $TEST_DB already exists"
else
  psql_su -d postgres -q -c "create database $TEST_DB owner $PGSUPERUSER" >/dev/null \
    || die "could not create database $TEST_DB"
  log "created database $TEST_DB"
fi
EXISTING=$(psql_su -d "$TEST_DB" -c "select string_agg(extname, ',' order by extname) from pg_extension where extname in ('vector','pg_trgm')")
if [ "$EXISTING" = "pg_trgm,vector" ]; then
  log "skip: extensions vector and pg_trgm already installed in $TEST_DB"
else
  psql_su -d "$TEST_DB" -q -c "create extension if not exists vector; create extension if not exists pg_trgm;" >/dev/null \
    || die "could not create extensions in $TEST_DB"
  log "created extensions in $TEST_DB"
fi
VERSIONS=$(psql_su -d "$TEST_DB" -F' ' -c "select extname || ' ' || extversion from pg_extension where extname in ('vector','pg_trgm') order by extname" | paste -sd, -)
log "extensions in $TEST_DB: $VERSIONS"
step_end "database $TEST_DB ready"

# ---------------------------------------------------------------- 4. chromium
step_begin "4/4 chromium"
if [ -x /usr/bin/chromium ]; then
  log "skip: /usr/bin/chromium already installed"
else
  if [ "$CHROMIUM_RECOMMENDS" = 1 ]; then
    apt_install chromium
  else
    apt_install --no-install-recommends chromium fonts-liberation
  fi
  [ -x /usr/bin/chromium ] || die "chromium package installed but /usr/bin/chromium is missing"
fi
log "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium --version failed')"
step_end "chromium ready"

log "all done in $(( $(date +%s) - SCRIPT_START ))s"
