#!/bin/sh
# Put StemPrep in your desktop's application menu (for your user account only), with its
# icon. Run it again after moving this folder. `./add-to-menu.sh --remove` takes the entry
# out again; your StemPrep data is not touched either way.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/stemprep.desktop" "$icons/stemprep.png"
  echo "StemPrep is no longer in the menu."
  exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/stemprep.png" "$icons/stemprep.png"
# Exec with the full path of this folder's program, quoted for the .desktop format.
sed "s|^Exec=.*|Exec=\"$here/StemPrep\"|" "$here/stemprep.desktop" > "$apps/stemprep.desktop"
chmod 644 "$apps/stemprep.desktop"
echo "StemPrep is now in the application menu (under Office)."
