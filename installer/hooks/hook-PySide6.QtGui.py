"""QtGui as PyInstaller's own hook collects it, minus Qt plugins a desktop app never loads.

Filtered here, before PyInstaller follows their library dependencies, so their libraries stay out
too: the embedded-device platforms (eglfs, linuxfb, vnc, ...) and input drivers, which drag in
QtNetwork; image formats isodesk never reads; and the GTK 3 theme, whose cairo/pango/GLib stack
from the build machine would be loaded beside the user's newer GTK and can crash the app on
start on a newer distribution (Qt then draws its own Fusion style and dialogs).
"""
import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED = re.compile(
    r"[\\/]plugins[\\/]("
    r"egldeviceintegrations|generic"
    r"|platforms[\\/](lib)?q(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)\b"
    r"|platformthemes[\\/](lib)?qgtk3\b"
    r"|imageformats[\\/](lib)?q(icns|tga|tiff|wbmp|webp)\b"
    r")")

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if not UNUSED.search(src)]
