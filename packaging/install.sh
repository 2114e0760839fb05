#!/bin/sh
# Install, upgrade, roll back or remove Rezerv from this unpacked release folder, with no network.
#
#   ./install.sh [--prefix DIR] [--bin-dir DIR]   install this version beside the others and make it
#                                                 current (an upgrade never touches the running one)
#   ./install.sh --rollback [--prefix DIR]        make the previous version current again and give
#                                                 back the database as it was before the upgrade
#   ./install.sh --uninstall [--prefix DIR] [--bin-dir DIR]   remove the program; data stays
#
# Default prefix: /opt/rezerv as root, else ~/.local/opt/rezerv. Each version lives in
# PREFIX/VERSION; PREFIX/current links to the one in use. The database stays in the user's data
# directory (~/.local/share/rezerv); the first start of a newer version backs it up (encrypted)
# into ~/.local/share/rezerv/backups/ before migrating it.
set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
action=install
if [ "$(id -u)" = 0 ]; then
    prefix=/opt/rezerv; bindir=/usr/local/bin; appdir=/usr/local/share/applications
    icondir=/usr/local/share/icons/hicolor/scalable/apps
else
    prefix="$HOME/.local/opt/rezerv"; bindir="$HOME/.local/bin"
    appdir="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    icondir="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
fi
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --bin-dir) bindir=$2; shift 2 ;;
        --rollback) action=rollback; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf 'rezerv: %s\n' "$*"; }
die() { printf 'rezerv: %s\n' "$*" >&2; exit 1; }
schema_of() { "$prefix/$1/rezerv" --version | sed -n 's/.*schema \([0-9][0-9]*\).*/\1/p'; }
switch_to() {  # atomically point PREFIX/current at version $1
    ln -sfn "$1" "$prefix/.current.$$"
    mv -T "$prefix/.current.$$" "$prefix/current"
}
data_dir() {
    if [ -n "${REZERV_DB:-}" ]; then dirname "$REZERV_DB"; else echo "${XDG_DATA_HOME:-$HOME/.local/share}/rezerv"; fi
}

install_version() {
    version=$(cat "$here/VERSION")
    [ -x "$here/rezerv-bin" ] || die "run install.sh from the unpacked release folder"
    "$here/rezerv" --version >/dev/null || die "this version does not start on this system; nothing was changed"
    mkdir -p "$prefix" "$bindir"
    current=""
    [ -L "$prefix/current" ] && current=$(readlink "$prefix/current")
    if [ "$current" = "$version" ]; then
        say "$version is already installed and current in $prefix"
        return 0
    fi
    if [ ! -d "$prefix/$version" ]; then
        stage="$prefix/.stage-$version-$$"
        rm -rf "$stage"
        cp -a "$here" "$stage"
        date -u +%Y%m%dT%H%M%SZ > "$stage/.installed"
        mv -T "$stage" "$prefix/$version"
    fi
    [ -n "$current" ] && echo "$current" > "$prefix/previous"
    switch_to "$version"
    ln -sfn "$prefix/current/rezerv" "$bindir/rezerv"
    mkdir -p "$appdir" "$icondir"
    sed "s|^Exec=rezerv|Exec=$bindir/rezerv|" "$here/share/rezerv.desktop" > "$appdir/rezerv.desktop"
    cp "$here/share/rezerv.svg" "$icondir/rezerv.svg"
    say "installed $version in $prefix/$version (current)${current:+; previous: $current}"
    say "the first start backs up the database (encrypted) and then upgrades it"
    case ":$PATH:" in *":$bindir:"*) ;; *) say "add $bindir to PATH, or start $bindir/rezerv" ;; esac
}

rollback() {
    [ -L "$prefix/current" ] || die "no installation in $prefix"
    current=$(readlink "$prefix/current")
    previous=$(cat "$prefix/previous" 2>/dev/null || true)
    if [ -z "$previous" ] || [ ! -d "$prefix/$previous" ] || [ "$previous" = "$current" ]; then
        die "no previous version in $prefix to roll back to (a .deb install: apt install the previous .deb, see packaging/README.md)"
    fi
    from=$(schema_of "$previous"); to=$(schema_of "$current")
    if [ "$from" != "$to" ]; then
        # the newest backup this version took while upgrading from the previous version's schema
        backup=$(find "$(data_dir)/backups" -maxdepth 1 -type f \
            -name "pre-upgrade-schema$from-to-$to-*.rzbk" -newer "$prefix/$current/.installed" \
            2>/dev/null | sort | tail -n 1)
        if [ -n "$backup" ]; then
            say "restoring the database as it was before the upgrade: $backup"
            say "(the upgraded database is kept beside it as rezerv.db.before-restore)"
            if [ -z "${REZERV_USER:-}" ]; then
                printf 'rezerv: user name: '; read -r REZERV_USER; export REZERV_USER
            fi
            "$prefix/$previous/rezerv" restore "$backup" --force || die "the backup was not restored; nothing was switched"
        else
            say "$current never upgraded this user's database: nothing to restore"
        fi
    fi
    switch_to "$previous"
    rm -f "$prefix/previous"
    say "rolled back to $previous (current); $current stays in $prefix/$current until removed"
}

uninstall() {
    [ -e "$prefix/current" ] || die "no installation in $prefix"
    rm -f "$bindir/rezerv" "$appdir/rezerv.desktop" "$icondir/rezerv.svg"
    for d in "$prefix"/*/; do
        [ -x "$d/rezerv-bin" ] && rm -rf "$d"
    done
    rm -f "$prefix/current" "$prefix/previous"
    rmdir "$prefix" 2>/dev/null || say "left $prefix: it holds files that are not Rezerv's"
    say "removed $prefix; the data in $(data_dir) is kept"
}

case "$action" in
    install) install_version ;;
    rollback) rollback ;;
    uninstall) uninstall ;;
esac
