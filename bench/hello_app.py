"""The baseline of bench_dashboard.py: the smallest Streamlit app, served the same way as the dashboard."""

import streamlit as st

st.write("Hello")
