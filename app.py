"""Run the roleqa server: ``python app.py`` serves the chat at http://127.0.0.1:7860.

It is ``roleqa serve`` under another name (the same flags work, e.g.
``python app.py --port 8080`` or ``python app.py --api-only``), for hosts that
start an app by running ``app.py``.
"""

import sys

from roleqa.cli import main

if __name__ == "__main__":
    main(["serve", *sys.argv[1:]])
