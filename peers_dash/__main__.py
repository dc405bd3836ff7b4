import sys

from peers_dash.cli import main

sys.exit(main())
