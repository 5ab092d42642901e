"""Entry point of the frozen app (isodesk.spec): the same front door as the ``isodesk`` command."""
import sys

from isodesk.cli import main

sys.exit(main())
