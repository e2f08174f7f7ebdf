"""Analysis: pure functions of the model (status, the final account, comparing, combining)."""
