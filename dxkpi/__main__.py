import sys

from .cli import main

if __name__ == "__main__":
    # Windows consoles may default to a legacy code page; Vietnamese messages need UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    sys.exit(main())
