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
# A menu entry quotes the program's path; these characters would need escaping rules
# that menus do not all follow, so ask for a plainer folder instead.
case "$here" in
  *[\"\`\$\\%]*)
    echo "The folder's path ($here) contains one of \" \` \$ \\ %; move the StemPrep folder somewhere without them and run this again." >&2
    exit 1 ;;
esac
mkdir -p "$apps" "$icons"
cp "$here/stemprep.png" "$icons/stemprep.png"
# The entry as shipped, with Exec pointing to this folder's program.
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s/StemPrep"\n' "$here" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here/stemprep.desktop" > "$apps/stemprep.desktop"
chmod 644 "$apps/stemprep.desktop"
echo "StemPrep is now in the application menu (under Office)."
