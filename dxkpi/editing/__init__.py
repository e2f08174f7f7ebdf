"""Editing the files: atomic writes that change only what they mean, the history, the Excel template and import."""
