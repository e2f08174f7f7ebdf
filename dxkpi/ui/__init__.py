"""The Streamlit pages and what they share. The only part of dxkpi that imports streamlit."""
