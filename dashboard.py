"""The app Streamlit runs: `python -m dxkpi serve` (or `streamlit run dashboard.py`). It lives in dxkpi.ui."""

from dxkpi.ui.app import main

main()
