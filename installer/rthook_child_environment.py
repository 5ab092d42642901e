# PyInstaller runtime hook: programs isodesk starts (the PDF viewer or spreadsheet that opens an
# exported file, via xdg-open) must not inherit the bundle's library path. On Linux the bootloader
# points LD_LIBRARY_PATH at the bundle and keeps the user's value in LD_LIBRARY_PATH_ORIG; this
# process has already resolved its libraries, so only child processes see the restored value.
import os

_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original is not None:
    os.environ["LD_LIBRARY_PATH"] = _original
else:
    os.environ.pop("LD_LIBRARY_PATH", None)
