#!/usr/bin/env bash
# Try the release itself, as a workstation would: unpack the tarball and run it with an empty
# environment (no .venv, no Python on PATH), then install it with install.sh over a database of
# the previous schema, upgrade, check the data, and roll back.
#   packaging/smoke.sh dist/rezerv-VERSION-linux-x86_64.tar.gz
# Prints one line per check and a closing "N passed, N failed" line; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd -P)
tarball=$(readlink -f "$1")
work=$(mktemp -d /tmp/rezerv-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() {  # check NAME COMMAND...: run, count, show the output of a failure
    local name=$1; shift
    if out=$("$@" 2>&1); then
        passed=$((passed + 1)); echo "ok      $name"
    else
        failed=$((failed + 1)); echo "FAILED  $name"; printf '%s\n' "$out" | tail -n 20 | sed 's/^/        /'
    fi
}

tar -xzf "$tarball" -C "$work"
folder=$(echo "$work"/rezerv-*/)
folder=${folder%/}
stick="$work/stick"; mkdir -p "$stick" "$work/home"
PASS='smoke test passphrase «Қазақ» long enough'
FIXTURE_PASS='fixture passphrase for schema upgrades'
base=(env -i "HOME=$work/home" "PATH=/usr/bin:/bin" "QT_QPA_PLATFORM=offscreen" "LANG=C.UTF-8"
      "REZERV_NOW=2026-02-10T10:00:00+05:00" "REZERV_INSECURE_TEST_KDF=1")
ws() {  # ws A|B ARGS...: the packaged rezerv against workstation A or B
    local who=$1; shift
    "${base[@]}" "REZERV_PASSPHRASE=$PASS" "$folder/rezerv" --lang ru --db "$work/$who/rezerv.db" --user admin "$@"
}

t_version() {
    local v re='^rezerv [0-9][^ ]* [(]commit [0-9a-f]{40}(-dirty)?, schema [0-9]+[)]$'
    v=$("${base[@]}" "$folder/rezerv" --version) || return 1
    echo "$v"; [[ $v =~ $re ]]
}
t_glibc_floor() {
    # on an older C library the launcher refuses with one line naming what is needed
    local out
    mkdir -p "$work/oldlibc" && printf '#!/bin/sh\necho "glibc 2.31"\n' > "$work/oldlibc/getconf" &&
        chmod +x "$work/oldlibc/getconf" || return 1
    out=$(env -i "PATH=$work/oldlibc:/usr/bin:/bin" LANG=ru_RU.UTF-8 "$folder/rezerv" --version 2>&1) && return 1
    echo "$out"; [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'glibc 2.31' <<<"$out"
}
t_no_python_needed() {
    # the folder carries its own interpreter: nothing it loads comes from the build's .venv
    ! grep -rl --include='*.so*' "$repo/.venv" "$folder/_internal" >/dev/null 2>&1 &&
        [ -f "$folder"/_internal/libpython3*.so* ]
}
t_init() {
    ws A init --role knb --user admin && ws B init --role department --user admin
}
t_pin_peers() {
    local fa fb
    fa=$(ws A identity show --format json | sed -n 's/.*"fingerprint": "\([^"]*\)".*/\1/p')
    fb=$(ws B identity show --format json | sed -n 's/.*"fingerprint": "\([^"]*\)".*/\1/p')
    ws A identity export --out "$stick/a.card" && ws B identity export --out "$stick/b.card" &&
        ws A peer add "$stick/b.card" --fingerprint "$fb" && ws B peer add "$stick/a.card" --fingerprint "$fa"
}
t_nominee_add() {
    ws A nominee add --json "$folder/_internal/resources/samples/dossier-example.json" | tee "$work/added" &&
        [ "$(ws A nominee list --format json | grep -c '"id"')" = 1 ]
}
t_pdf() {
    local id; id=$(awk '{print $NF}' "$work/added")
    ws A pdf submission --nominee "$id" --out "$work/submission.pdf" &&
        head -c 5 "$work/submission.pdf" | grep -q '%PDF-'
}
t_bundle() {
    local to; to=$(ws B identity show --format json | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')
    ws A quarter list-add 2026Q1 &&
        ws A bundle export --kind nominations --to "$to" --quarter 2026Q1 --out "$stick/n.age" &&
        ws B bundle import "$stick/n.age" &&
        ws B nominee list --format json | grep -q "$(ws A nominee list --format json | sed -n 's/.*"iin": "\([0-9]*\)".*/\1/p')"
}
t_gui_unlock_screen() {
    local line
    line=$("${base[@]}" "REZERV_DB=$work/A/rezerv.db" "REZERV_SMOKE_GUI=$work/gui.png" timeout 60 "$folder/rezerv" 2>/dev/null)
    echo "$line"; [[ $line == "gui: unlock "* ]] && [ -s "$work/gui.png" ]
}

# -- upgrade: install.sh over a database of the previous schema, then roll back ---------------
prefix="$work/home/.local/opt/rezerv"; bindir="$work/home/.local/bin"
data="$work/home/.local/share/rezerv"
user_env=("${base[@]}" "REZERV_USER=admin" "REZERV_PASSPHRASE=$FIXTURE_PASS")
t_install_over_old_schema() {
    mkdir -p "$data" && cp "$repo"/tests/data/schema-1/* "$data/" &&
        "${base[@]}" "$folder/install.sh" --prefix "$prefix" --bin-dir "$bindir" &&
        [ "$(readlink "$prefix/current")" = "$(cat "$folder/VERSION")" ] && [ -x "$bindir/rezerv" ]
}
t_upgrade_keeps_data() {
    local list
    list=$("${user_env[@]}" "$bindir/rezerv" --lang ru nominee list --format json) || return 1
    [ "$(grep -c '"id"' <<<"$list")" = 2 ] && grep -q 'Сейітқалиұлы' <<<"$list" &&
        "${user_env[@]}" "$bindir/rezerv" --lang ru audit verify &&
        ls "$data"/backups/pre-upgrade-schema1-to-*.rzbk
}
t_backup_restores_old_schema() {
    # the pre-upgrade backup is what a rollback restores: it opens and holds the data as it was
    local bk; bk=$(ls "$data"/backups/pre-upgrade-schema1-to-*.rzbk | head -n 1)
    "${user_env[@]}" "$bindir/rezerv" --lang ru --db "$work/restored/rezerv.db" restore "$bk" &&
        [ "$("${user_env[@]}" "$bindir/rezerv" --lang ru --db "$work/restored/rezerv.db" nominee list --format json | grep -c '"id"')" = 2 ]
}
t_rollback_switches_back() {
    # a second version installed over the first (the same build, labelled 9.9.9), then rolled back
    local newer="$work/newer/rezerv-9.9.9" old
    old=$(cat "$folder/VERSION")
    mkdir -p "$work/newer" && cp -a "$folder" "$newer" && echo 9.9.9 > "$newer/VERSION" &&
        "${base[@]}" "$newer/install.sh" --prefix "$prefix" --bin-dir "$bindir" &&
        [ "$(readlink "$prefix/current")" = 9.9.9 ] && [ -d "$prefix/$old" ] &&
        "${user_env[@]}" "$bindir/rezerv" --rollback &&
        [ "$(readlink "$prefix/current")" = "$old" ] &&
        [ "$("${user_env[@]}" "$bindir/rezerv" --lang ru nominee list --format json | grep -c '"id"')" = 2 ]
}
t_uninstall_keeps_data() {
    "${base[@]}" "$folder/install.sh" --uninstall --prefix "$prefix" --bin-dir "$bindir" &&
        [ ! -e "$prefix" ] && [ ! -e "$bindir/rezerv" ] && [ -f "$data/rezerv.db" ]
}

check "--version prints version, commit and schema" t_version
check "an older glibc gets one clear line" t_glibc_floor
check "the folder brings its own Python" t_no_python_needed
check "init two workstations" t_init
check "pin each other's identity cards" t_pin_peers
check "nominee add of the sample dossier" t_nominee_add
check "pdf of the submission" t_pdf
check "bundle export on one workstation, import on the other" t_bundle
check "the GUI starts on the unlock screen" t_gui_unlock_screen
check "install.sh over a schema-1 database" t_install_over_old_schema
check "first start upgrades, keeps the data and a backup" t_upgrade_keeps_data
check "the pre-upgrade backup restores the old data" t_backup_restores_old_schema
check "--rollback returns to the previous version" t_rollback_switches_back
check "uninstall keeps the data" t_uninstall_keeps_data
echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
