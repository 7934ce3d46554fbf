# Sourced by scripts/stemprep, scripts/test and the other scripts: make sure .venv
# exists and holds exactly what pyproject.toml asks for, installing on first use or
# after a change. Needs only Python 3.11+ (with its venv module) and access to PyPI.
# The optional dependency group to add comes in $STEMPREP_EXTRAS (e.g. "test"), never
# from the positional arguments, which belong to the calling script's user.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${STEMPREP_VENV:-$here/.venv}"
extras="${STEMPREP_EXTRAS:-}"

python_bin=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python_bin="$candidate"; break
  fi
done
if [ -z "$python_bin" ]; then
  echo "StemPrep needs Python 3.11 or newer; install it and try again." >&2
  exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "Setting up StemPrep in $VENV (first run only; this takes a minute or two)..." >&2
  if ! "$python_bin" -m venv "$VENV"; then
    echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt install python3-venv" >&2
    exit 1
  fi
fi

stamp="$VENV/.stemprep-installed${extras:+-$extras}"
want="$(cat "$here/pyproject.toml" | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  target="$here"
  [ -n "$extras" ] && target="$here[$extras]"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target" >&2
  echo "$want" > "$stamp"
fi
