"""The model and the one way to say each thing (numbers, units, periods, the reader's language)."""
