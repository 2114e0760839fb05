#!/bin/sh
# Rezerv's launcher (installed as `rezerv`): refuses a system older than the build supports with
# one clear line, hands `--rollback` to the installer, and otherwise starts the program.
here=$(dirname "$(readlink -f "$0")")
floor="@GLIBC_FLOOR@"
if [ "${1:-}" = "--rollback" ]; then
    shift
    exec "$here/install.sh" --rollback --prefix "$(dirname "$here")" "$@"
fi
found=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc //p')
if [ -n "$found" ] && ! printf '%s\n%s\n' "$floor" "$found" | sort -C -V; then
    case "${REZERV_LANG:-${LANG:-}}" in
        ru*) echo "Rezerv: эта система слишком старая: найдена glibc $found, нужна $floor или новее (Debian 12, Ubuntu 22.04 и новее)" >&2 ;;
        *) echo "Rezerv: бұл жүйе тым ескі: glibc $found табылды, $floor немесе жаңасы керек (Debian 12, Ubuntu 22.04 және жаңалары)" >&2 ;;
    esac
    exit 1
fi
# Qt wants a UTF-8 locale and says so on stderr when there is none (a bare environment)
[ -n "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ] || export LC_CTYPE=C.UTF-8
exec "$here/rezerv-bin" "$@"
