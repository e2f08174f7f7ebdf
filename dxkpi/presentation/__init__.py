"""Presentation: charts, HTML pieces and the deck, pure functions of the model."""
