"""Entry point: `streamlit run dashboard.py`. The app itself lives in dxkpi.ui."""

from dxkpi.ui.app import main

main()
