"""dxkpi: a province's digital-transformation indicators, from metrics.yaml to the dashboard."""
