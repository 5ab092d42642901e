import sys

from isodesk.cli import main

sys.exit(main())
