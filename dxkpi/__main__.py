import sys

if __name__ == "__main__":
    # Windows consoles may default to a legacy code page; Vietnamese messages need UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if sys.argv[1:2] == ["serve"]:
        # The dashboard's server lives in the ui (it is Streamlit's); the other commands never import Streamlit.
        from .ui.serve import main as serve

        sys.exit(serve(sys.argv[2:]))
    from .cli import main

    sys.exit(main())
